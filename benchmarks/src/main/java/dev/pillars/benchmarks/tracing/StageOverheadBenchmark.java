package dev.pillars.benchmarks.tracing;

import dev.pillars.metrics.Metrics;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A pipeline stage (span + duration histogram with exemplar + active gauge) against the raw
 * OpenTelemetry SDK doing the same span and histogram by hand. Target: stage at most 1.10x raw. All
 * share one SDK: always-on sampler, no span processors, a histogram reader with the default
 * trace-based exemplar filter, so the measured work is span creation, context and recording. {@link
 * #rawSdkWithActiveCount} adds what the stage also does, an active count, written by hand with the
 * SDK's up-down counter.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// Both sides allocate ~1 KB per op (~2 GB/s); with a heap the JVM sized itself, GC timing moved
// single forks by up to 25%. A fixed, pre-touched heap steadied the raw side; five forks per side
// average out the rest of this shared machine's noise.
@Fork(
    value = 5,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class StageOverheadBenchmark {

  private static final AttributeKey<String> PIPELINE = AttributeKey.stringKey("pipeline.name");
  private static final AttributeKey<String> STAGE = AttributeKey.stringKey("pipeline.stage");

  private OpenTelemetrySdk sdk;
  private Stage stage;
  private Tracer tracer;
  private DoubleHistogram histogram;
  private LongUpDownCounter active;
  private Attributes activeAttributes;
  private Attributes spanAttributes;
  private Attributes metricAttributes;

  @Setup
  public void setUp() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(InMemoryMetricReader.create())
                    .build())
            .build();
    stage =
        PipelineTracing.builder(sdk)
            .metrics(Metrics.builder(sdk).build())
            .build()
            .pipeline("rag")
            .stage("retrieve");
    tracer = sdk.getTracer("raw");
    histogram =
        sdk.getMeter("raw")
            .histogramBuilder("raw.stage.duration")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(
                List.of(
                    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
                    120.0))
            .build();
    active = sdk.getMeter("raw").upDownCounterBuilder("raw.stages.active").build();
    activeAttributes =
        Attributes.of(
            AttributeKey.stringKey("pipeline"), "rag", AttributeKey.stringKey("stage"), "retrieve");
    spanAttributes = Attributes.of(PIPELINE, "rag", STAGE, "retrieve");
    metricAttributes =
        Attributes.of(
            AttributeKey.stringKey("pipeline"), "rag",
            AttributeKey.stringKey("stage"), "retrieve",
            AttributeKey.stringKey("outcome"), "ok");
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  /** The stage API: one try-with-resources. */
  @Benchmark
  public Span stageScope() {
    try (StageScope s = stage.open()) {
      return s.span();
    }
  }

  /** The same span and histogram sample with the raw SDK. */
  @Benchmark
  public Span rawSdk() {
    long start = System.nanoTime();
    Span span =
        tracer
            .spanBuilder("retrieve")
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(spanAttributes)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      histogram.record((System.nanoTime() - start) * 1e-9, metricAttributes);
    }
    span.end();
    return span;
  }

  /** The raw SDK doing all the stage does: span, histogram and an active count. */
  @Benchmark
  public Span rawSdkWithActiveCount() {
    long start = System.nanoTime();
    active.add(1, activeAttributes);
    Span span =
        tracer
            .spanBuilder("retrieve")
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(spanAttributes)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      histogram.record((System.nanoTime() - start) * 1e-9, metricAttributes);
      active.add(-1, activeAttributes);
    }
    span.end();
    return span;
  }
}
