package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;
import dev.pillars.metrics.BoundHistogram;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleHistogram;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * Histogram record hot paths over {@code request_duration} (13 explicit buckets, 5 ms to 10 s,
 * labels endpoint and method). Every contender gets the same 13 buckets, so bucket search costs the
 * same everywhere. The raw OTel histogram comes from the SDK Pillars built.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HistogramBenchmark {

  static final AttributeKey<String> ENDPOINT = AttributeKey.stringKey("endpoint");
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");

  /** A value in the middle of the buckets (seconds). */
  static final double VALUE = 0.3;

  static final double[] BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0
  };

  /** Pillars and raw OTel over the same SDK. */
  @State(Scope.Benchmark)
  public static class Sdk {
    Pillars pillars;
    Metrics metrics;
    BoundHistogram bound;
    DoubleHistogram otelHistogram;
    Attributes prebuilt;
    BoundDoubleHistogram otelBound;

    @Setup(Level.Trial)
    public void setUp() {
      pillars = PillarsUnderTest.start();
      metrics = pillars.metrics();
      bound = metrics.histogram(StandardMetrics.REQUEST_DURATION).labels("/query", "POST");

      List<Double> advice = Arrays.stream(BUCKETS).boxed().toList();
      otelHistogram =
          pillars
              .openTelemetry()
              .getMeter("bench.raw")
              .histogramBuilder("raw_request_duration")
              .setDescription("Request duration in seconds")
              .setUnit("s")
              .setExplicitBucketBoundariesAdvice(advice)
              .build();
      prebuilt = Attributes.of(ENDPOINT, "/query", METHOD, "POST");
      otelBound = ((ExtendedDoubleHistogram) otelHistogram).bind(prebuilt);

      metrics.recordHistogram("request_duration", VALUE, "endpoint", "/query", "method", "POST");
      otelHistogram.record(VALUE, prebuilt);
      PillarsUnderTest.requireExported(pillars, "request_duration_seconds_bucket{");
      PillarsUnderTest.requireExported(pillars, "raw_request_duration_seconds_bucket{");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pillars.close();
    }
  }

  /** Micrometer's simple registry, with the same buckets as service level objectives. */
  @State(Scope.Benchmark)
  public static class Micrometer {
    Timer timer;
    DistributionSummary summary;

    @Setup(Level.Trial)
    public void setUp() {
      MeterRegistry registry = new SimpleMeterRegistry();
      timer =
          Timer.builder("request_duration")
              .tags("endpoint", "/query", "method", "POST")
              .serviceLevelObjectives(
                  Arrays.stream(BUCKETS)
                      .mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
                      .toArray(Duration[]::new))
              .register(registry);
      summary =
          DistributionSummary.builder("request_size")
              .tags("endpoint", "/query", "method", "POST")
              .serviceLevelObjectives(BUCKETS)
              .register(registry);
    }
  }

  /** Prometheus client_java 1.8, classic buckets only (native histograms off, as in OTel). */
  @State(Scope.Benchmark)
  public static class ClientJava {
    io.prometheus.metrics.core.metrics.Histogram histogram;
    DistributionDataPoint bound;

    @Setup(Level.Trial)
    public void setUp() {
      histogram =
          io.prometheus.metrics.core.metrics.Histogram.builder()
              .name("request_duration_seconds")
              .help("Request duration in seconds")
              .classicOnly()
              .classicUpperBounds(BUCKETS)
              .labelNames("endpoint", "method")
              .register(new PrometheusRegistry());
      bound = histogram.labelValues("/query", "POST");
    }
  }

  /** By name with two label pairs: the fixed-arity overload, no varargs array. */
  @Benchmark
  public void pillarsUnbound(Sdk s) {
    s.metrics.recordHistogram("request_duration", VALUE, "endpoint", "/query", "method", "POST");
  }

  @Benchmark
  public void pillarsBound(Sdk s) {
    s.bound.record(VALUE);
  }

  @Benchmark
  public void otelRecordPrebuiltAttributes(Sdk s) {
    s.otelHistogram.record(VALUE, s.prebuilt);
  }

  @Benchmark
  public void otelRecordAttributesPerCall(Sdk s) {
    s.otelHistogram.record(VALUE, Attributes.of(ENDPOINT, "/query", METHOD, "POST"));
  }

  /** The incubator's bound instrument (ExtendedDoubleHistogram.bind). */
  @Benchmark
  public void otelIncubatorBound(Sdk s) {
    s.otelBound.record(VALUE);
  }

  @Benchmark
  public void micrometerTimerRecord(Micrometer m) {
    m.timer.record(300, TimeUnit.MILLISECONDS);
  }

  @Benchmark
  public void micrometerSummaryRecord(Micrometer m) {
    m.summary.record(VALUE);
  }

  @Benchmark
  public void clientJavaBound(ClientJava c) {
    c.bound.observe(VALUE);
  }

  /** client_java's per-call lookup, the anchor of {@link #pillarsUnbound}. */
  @Benchmark
  public void clientJavaUnbound(ClientJava c) {
    c.histogram.labelValues("/query", "POST").observe(VALUE);
  }
}
