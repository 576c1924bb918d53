package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * A {@code /metrics} scrape of 10,000 counter series, rendered to a Prometheus text 0.0.4 String:
 * Pillars' {@code metricsText()} (the OTel Prometheus exporter underneath) against client_java's
 * own registry and writer. A metric holds at most 1998 series, so both sides spread the 10,000 over
 * {@value #METRICS} metrics with labels {@code endpoint} and {@code status}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScrapeBenchmark {

  static final int SERIES = 10_000;
  static final int METRICS = 6;

  static String endpoint(int series) {
    return "/api/v1/resource/" + series;
  }

  /** Pillars with 10,000 counter series, each incremented once. */
  @State(Scope.Benchmark)
  public static class PillarsSide {
    Pillars pillars;

    @Setup(Level.Trial)
    public void setUp() {
      pillars = PillarsUnderTest.start();
      Metrics metrics = pillars.metrics();
      Counter[] counters = new Counter[METRICS];
      for (int m = 0; m < METRICS; m++) {
        counters[m] =
            metrics.counter(
                MetricDefinition.counter("scrape_requests_" + m)
                    .description("Requests, for the scrape benchmark")
                    .labelNames("endpoint", "status")
                    .build());
      }
      for (int i = 0; i < SERIES; i++) {
        counters[i % METRICS].labels(endpoint(i), "200").increment(i + 1);
      }
      String text = pillars.metricsText();
      long lines = text.lines().filter(l -> l.startsWith("scrape_requests_")).count();
      if (lines != SERIES || text.contains("otel_metric_overflow")) {
        throw new IllegalStateException("expected " + SERIES + " series, got " + lines);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pillars.close();
    }
  }

  /** client_java 1.8 with the same 10,000 series in its own registry. */
  @State(Scope.Benchmark)
  public static class ClientJavaSide {
    PrometheusRegistry registry;
    PrometheusTextFormatWriter writer;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new PrometheusRegistry();
      writer = PrometheusTextFormatWriter.create();
      io.prometheus.metrics.core.metrics.Counter[] counters =
          new io.prometheus.metrics.core.metrics.Counter[METRICS];
      for (int m = 0; m < METRICS; m++) {
        counters[m] =
            io.prometheus.metrics.core.metrics.Counter.builder()
                .name("scrape_requests_" + m)
                .help("Requests, for the scrape benchmark")
                .labelNames("endpoint", "status")
                .register(registry);
      }
      for (int i = 0; i < SERIES; i++) {
        counters[i % METRICS].labelValues(endpoint(i), "200").inc(i + 1);
      }
    }
  }

  @Benchmark
  public String pillarsMetricsText(PillarsSide p) {
    return p.pillars.metricsText();
  }

  /** Scrape and write exactly as Pillars does: into a byte buffer, then one UTF-8 String. */
  @Benchmark
  public String clientJavaText(ClientJavaSide c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    c.writer.write(out, c.registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }
}
