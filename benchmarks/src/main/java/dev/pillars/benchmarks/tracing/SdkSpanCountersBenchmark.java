package dev.pillars.benchmarks.tracing;

import dev.pillars.Pillars;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
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
 * One root span started and ended, no attributes, no span processor: what the SDK's own span
 * counters cost ({@code otel.sdk.span.started}, {@code otel.sdk.span.live}: three measurements a
 * span, through the SDK's unbound path), which Pillars' SDK records by default ({@code
 * otel.experimental.sdk.telemetry.version=latest}). {@code plainSdk} has none, {@code
 * plainSdkWithSpanCounters} is the same SDK whose tracer counts its spans, {@code pillarsSdk} is
 * the SDK an application gets from Pillars.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class SdkSpanCountersBenchmark {

  private OpenTelemetrySdk plain;
  private OpenTelemetrySdk plainWithCounters;
  private Pillars pillars;
  private Tracer plainTracer;
  private Tracer countingTracer;
  private Tracer pillarsTracer;

  @Setup
  public void setUp() {
    plain = sdk(false);
    plainWithCounters = sdk(true);
    pillars =
        Pillars.builder()
            .serviceName("jmh")
            .prometheusEndpoint(false)
            .runtimeMetrics(false)
            .registerGlobal(false)
            .shutdownHook(false)
            .build();
    plainTracer = plain.getTracer("jmh");
    countingTracer = plainWithCounters.getTracer("jmh");
    pillarsTracer = pillars.openTelemetry().getTracer("jmh");
  }

  /**
   * An SDK with one in-memory metric reader; with {@code spanCounters}, its tracer counts spans.
   */
  private static OpenTelemetrySdk sdk(boolean spanCounters) {
    SdkMeterProvider meters =
        SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build();
    SdkTracerProviderBuilder tracers = SdkTracerProvider.builder();
    if (spanCounters) {
      tracers.setMeterProvider(() -> meters);
    }
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracers.build())
        .setMeterProvider(meters)
        .build();
  }

  @TearDown
  public void tearDown() {
    plain.close();
    plainWithCounters.close();
    pillars.close();
  }

  @Benchmark
  public void plainSdk() {
    plainTracer.spanBuilder("span").startSpan().end();
  }

  @Benchmark
  public void plainSdkWithSpanCounters() {
    countingTracer.spanBuilder("span").startSpan().end();
  }

  @Benchmark
  public void pillarsSdk() {
    pillarsTracer.spanBuilder("span").startSpan().end();
  }
}
