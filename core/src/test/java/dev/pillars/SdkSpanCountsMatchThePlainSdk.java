package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pillars hands the SDK's tracer counters bound per attribute set ({@link BoundSpanCounters}) for
 * its own span metrics; what they count must be what the SDK counts with its own meters, series by
 * series, and past the binding table's room too.
 */
class SdkSpanCountsMatchThePlainSdk {

  private static final String STARTED = "otel.sdk.span.started";
  private static final String LIVE = "otel.sdk.span.live";

  @Test
  void spanCountsThroughPillarsEqualThePlainSdksSeriesBySeries() {
    InMemoryMetricReader pillarsReader = InMemoryMetricReader.create();
    InMemoryMetricReader plainReader = InMemoryMetricReader.create();
    SdkMeterProvider plainMeters =
        SdkMeterProvider.builder().registerMetricReader(plainReader).build();
    try (Pillars pillars = TestPillars.builder().addMetricReader(pillarsReader).build();
        OpenTelemetrySdk plain =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder().setMeterProvider(() -> plainMeters).build())
                .setMeterProvider(plainMeters)
                .build()) {
      startAndEndSome(pillars.openTelemetry());
      startAndEndSome(plain);

      Map<String, Long> ours = points(pillarsReader);
      assertThat(ours).isEqualTo(points(plainReader));
      // and they are the counts of what was done: 6 roots (2 still open), 3 children, 2 remote
      assertThat(ours)
          .containsEntry(
              STARTED
                  + " {otel.span.parent.origin=\"none\", otel.span.sampling_result=\"RECORD_AND_SAMPLE\"}",
              6L)
          .containsEntry(
              STARTED
                  + " {otel.span.parent.origin=\"local\", otel.span.sampling_result=\"RECORD_AND_SAMPLE\"}",
              3L)
          .containsEntry(
              STARTED
                  + " {otel.span.parent.origin=\"remote\", otel.span.sampling_result=\"RECORD_AND_SAMPLE\"}",
              2L)
          .containsEntry(LIVE + " {otel.span.sampling_result=\"RECORD_AND_SAMPLE\"}", 2L);
    }
  }

  @Test
  void withLegacySdkTelemetryTheTracerCountsNothing() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Pillars pillars =
        TestPillars.builder()
            .property(ConfigKeys.SDK_TELEMETRY_VERSION, "legacy")
            .addMetricReader(reader)
            .build()) {
      startAndEndSome(pillars.openTelemetry());
      assertThat(points(reader)).isEmpty();
    }
  }

  @Test
  void setsPastTheBindingTableAndFreshEqualSetsAreStillCounted() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider sdkMeters =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      Meter meter = new BoundSpanCounters(sdkMeters).get("test");
      LongCounter counter = meter.counterBuilder("c").setUnit("1").build();
      LongUpDownCounter upDown = meter.upDownCounterBuilder("u").build();
      Attributes constant = Attributes.builder().put("k", "constant").build();
      for (int round = 0; round < 3; round++) {
        counter.add(1, constant);
        upDown.add(2, constant);
        upDown.add(-1, constant, Context.root());
        for (int i = 0; i < 2 * Bindings.MAX; i++) {
          // a fresh instance every time: equal to the last round's, never the same reference
          Attributes fresh = Attributes.builder().put("k", "v" + i).build();
          counter.add(1, fresh);
          upDown.add(1, fresh, Context.root());
        }
      }
      counter.add(5);
      Map<String, Long> points = points(reader);
      assertThat(points)
          .containsEntry("c {k=\"constant\"}", 3L)
          .containsEntry("u {k=\"constant\"}", 3L);
      assertThat(points).containsEntry("c {}", 5L);
      for (int i = 0; i < 2 * Bindings.MAX; i++) {
        assertThat(points).containsEntry("c {k=\"v" + i + "\"}", 3L);
        assertThat(points).containsEntry("u {k=\"v" + i + "\"}", 3L);
      }
      assertThat(points).hasSize(2 + 1 + 2 * 2 * Bindings.MAX);
    }
  }

  /** 6 root spans (2 left open), 3 children of one of them, 2 spans under a remote parent. */
  private static void startAndEndSome(OpenTelemetry otel) {
    Tracer tracer = otel.getTracer("span-counts");
    for (int i = 0; i < 5; i++) {
      Span root = tracer.spanBuilder("root" + i).startSpan();
      if (i < 3) {
        root.end();
      }
    }
    Span parent = tracer.spanBuilder("parent").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      for (int i = 0; i < 3; i++) {
        tracer.spanBuilder("child").startSpan().end();
      }
    }
    parent.end();
    SpanContext remote =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Context remoteParent = Context.root().with(Span.wrap(remote));
    for (int i = 0; i < 2; i++) {
      tracer.spanBuilder("remote-child").setParent(remoteParent).startSpan().end();
    }
  }

  /**
   * Every long point of the SDK's span metrics, and of "c" and "u": "name {attributes}" -> value.
   */
  private static Map<String, Long> points(InMemoryMetricReader reader) {
    Map<String, Long> points = new TreeMap<>();
    for (MetricData m : reader.collectAllMetrics()) {
      if (!m.getName().equals(STARTED)
          && !m.getName().equals(LIVE)
          && !m.getName().equals("c")
          && !m.getName().equals("u")) {
        continue;
      }
      for (LongPointData p : m.getLongSumData().getPoints()) {
        points.put(m.getName() + " " + p.getAttributes(), p.getValue());
      }
    }
    return points;
  }
}
