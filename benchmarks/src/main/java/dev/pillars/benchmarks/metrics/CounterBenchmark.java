package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleCounter;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Counter increment hot paths: the Pillars facade (by name, and through a bound handle) against the
 * raw OpenTelemetry SDK calls it wraps, Micrometer, Prometheus client_java and a bare {@link
 * LongAdder}. The raw OTel counter comes from the very SDK Pillars built, so both share one meter
 * provider, one Prometheus reader and one configuration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CounterBenchmark {

  static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("endpoint");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
  static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

  /** Pillars and raw OTel over the same SDK. */
  @State(Scope.Benchmark)
  public static class Sdk {
    Pillars pillars;
    Metrics metrics;
    BoundCounter bound;
    DoubleCounter otelCounter;
    Attributes prebuilt;
    BoundDoubleCounter otelBound;

    @Setup(Level.Trial)
    public void setUp() {
      pillars = PillarsUnderTest.start();
      metrics = pillars.metrics();
      Counter requests = metrics.counter(StandardMetrics.REQUEST_COUNT);
      bound = requests.labels("/query", "POST", "200");

      otelCounter =
          pillars
              .openTelemetry()
              .getMeter("bench.raw")
              .counterBuilder("raw_request_count")
              .ofDoubles()
              .setDescription("Total requests")
              .build();
      prebuilt = Attributes.of(ENDPOINT, "/query", METHOD, "POST", STATUS, "200");
      otelBound = ((ExtendedDoubleCounter) otelCounter).bind(prebuilt);

      metrics.incrementCounter(
          "request_count", "endpoint", "/query", "method", "POST", "status", "200");
      otelCounter.add(1, prebuilt);
      PillarsUnderTest.requireExported(pillars, "request_count_total{");
      PillarsUnderTest.requireExported(pillars, "raw_request_count_total{");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pillars.close();
    }
  }

  /** Micrometer's simple registry, cumulative. */
  @State(Scope.Benchmark)
  public static class Micrometer {
    io.micrometer.core.instrument.Counter counter;

    @Setup(Level.Trial)
    public void setUp() {
      counter =
          io.micrometer.core.instrument.Counter.builder("request_count")
              .tags("endpoint", "/query", "method", "POST", "status", "200")
              .register(new SimpleMeterRegistry());
    }
  }

  /** Prometheus client_java 1.8, its own registry. */
  @State(Scope.Benchmark)
  public static class ClientJava {
    io.prometheus.metrics.core.metrics.Counter counter;
    CounterDataPoint bound;

    @Setup(Level.Trial)
    public void setUp() {
      counter =
          io.prometheus.metrics.core.metrics.Counter.builder()
              .name("request_count")
              .help("Total requests")
              .labelNames("endpoint", "method", "status")
              .register(new PrometheusRegistry());
      bound = counter.labelValues("/query", "POST", "200");
    }
  }

  /** The floor: one striped add, nothing else. */
  @State(Scope.Benchmark)
  public static class Floor {
    final LongAdder adder = new LongAdder();
  }

  /** By name with three label pairs: the fixed-arity overload, no varargs array. */
  @Benchmark
  public void pillarsUnbound(Sdk s) {
    s.metrics.incrementCounter(
        "request_count", "endpoint", "/query", "method", "POST", "status", "200");
  }

  @Benchmark
  public void pillarsBound(Sdk s) {
    s.bound.increment();
  }

  @Benchmark
  public void otelAddPrebuiltAttributes(Sdk s) {
    s.otelCounter.add(1, s.prebuilt);
  }

  @Benchmark
  public void otelAddAttributesPerCall(Sdk s) {
    s.otelCounter.add(1, Attributes.of(ENDPOINT, "/query", METHOD, "POST", STATUS, "200"));
  }

  /** The incubator's bound instrument (ExtendedDoubleCounter.bind): no attribute lookup at all. */
  @Benchmark
  public void otelIncubatorBound(Sdk s) {
    s.otelBound.add(1);
  }

  @Benchmark
  public void micrometerIncrement(Micrometer m) {
    m.counter.increment();
  }

  @Benchmark
  public void clientJavaBound(ClientJava c) {
    c.bound.inc();
  }

  @Benchmark
  public void clientJavaUnbound(ClientJava c) {
    c.counter.labelValues("/query", "POST", "200").inc();
  }

  @Benchmark
  public void longAdderFloor(Floor f) {
    f.adder.increment();
  }
}
