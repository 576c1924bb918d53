package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;
import dev.pillars.metrics.ActiveScope;
import dev.pillars.metrics.Metrics;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Gauge calls by name, the seeds' {@code inc()} / {@code dec()} and {@code track_active}: Pillars'
 * {@code incrementGauge} and {@code trackActive} with the fixed-arity overloads (no varargs array)
 * against client_java's {@code labelValues(..).inc()}, the same work on its own registry.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GaugeBenchmark {

  /** Pillars with the Prometheus exporter, the gauge's series made once. */
  @State(Scope.Benchmark)
  public static class Sdk {
    Pillars pillars;
    Metrics metrics;

    @Setup(Level.Trial)
    public void setUp() {
      pillars = PillarsUnderTest.start();
      metrics = pillars.metrics();
      metrics.incrementGauge("jobs_in_flight", "queue", "ingest", "worker", "w1", "tier", "gold");
      metrics.trackActive("active_requests", "endpoint", "/query").close();
      PillarsUnderTest.requireExported(pillars, "jobs_in_flight{");
      PillarsUnderTest.requireExported(pillars, "active_requests{");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pillars.close();
    }
  }

  /** Prometheus client_java, its own registry. */
  @State(Scope.Benchmark)
  public static class ClientJava {
    io.prometheus.metrics.core.metrics.Gauge jobs;
    io.prometheus.metrics.core.metrics.Gauge active;

    @Setup(Level.Trial)
    public void setUp() {
      PrometheusRegistry registry = new PrometheusRegistry();
      jobs =
          io.prometheus.metrics.core.metrics.Gauge.builder()
              .name("jobs_in_flight")
              .help("Jobs in flight")
              .labelNames("queue", "worker", "tier")
              .register(registry);
      active =
          io.prometheus.metrics.core.metrics.Gauge.builder()
              .name("active_requests")
              .help("Requests in progress")
              .labelNames("endpoint")
              .register(registry);
    }
  }

  /** Up and down by name with three label pairs, as a queue's depth is kept. */
  @Benchmark
  public void pillarsIncrementDecrement(Sdk s) {
    s.metrics.incrementGauge("jobs_in_flight", "queue", "ingest", "worker", "w1", "tier", "gold");
    s.metrics.decrementGauge("jobs_in_flight", "queue", "ingest", "worker", "w1", "tier", "gold");
  }

  @Benchmark
  public void clientJavaIncrementDecrement(ClientJava c) {
    c.jobs.labelValues("ingest", "w1", "gold").inc();
    c.jobs.labelValues("ingest", "w1", "gold").dec();
  }

  /** One block counted as active: up when opened, down when closed. */
  @Benchmark
  public void pillarsTrackActive(Sdk s) {
    try (ActiveScope ignored = s.metrics.trackActive("active_requests", "endpoint", "/query")) {
      // the block
    }
  }

  @Benchmark
  public void clientJavaTrackActive(ClientJava c) {
    GaugeDataPoint series = c.active.labelValues("/query");
    series.inc();
    series.dec();
  }
}
