package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageHistogramCarriesSpanAsExemplar {

  private final TracingFixture fx = new TracingFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void openMetricsTextHasTheStageSpansTraceAndSpanId() {
    fx.tracing.pipeline("rag").stage("retrieve").run(() -> {});
    SpanData span = fx.span("retrieve");

    assertThat(fx.pillars.openMetricsText())
        .containsPattern(
            "pipeline_stage_duration_seconds_bucket\\{[^}]*stage=\"retrieve\",le=\"0.005\"} 1 "
                + "# \\{span_id=\""
                + span.getSpanId()
                + "\",trace_id=\""
                + span.getTraceId()
                + "\"} [0-9.eE-]+ [0-9.]+");
  }

  @Test
  void asyncStageEndingOnAnotherThreadStillCarriesItsSpan() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<String> done =
          fx.tracing
              .pipeline("rag")
              .stage("generate")
              .async(() -> CompletableFuture.supplyAsync(() -> "answer", pool));
      assertThat(done.join()).isEqualTo("answer");
    } finally {
      pool.shutdownNow();
    }
    SpanData span = fx.span("generate");

    assertThat(fx.pillars.openMetricsText())
        .containsPattern(
            // on the bucket the duration fell in, whichever that is
            "pipeline_stage_duration_seconds_bucket\\{[^}]*stage=\"generate\",le=\"[^\"]+\"} 1 "
                + "# \\{span_id=\""
                + span.getSpanId()
                + "\",trace_id=\""
                + span.getTraceId()
                + "\"} ");
  }

  @Test
  void unsampledStagesCarryNoExemplar() {
    try (TracingFixture off =
        new TracingFixture(b -> b.property("otel.traces.sampler", "always_off"))) {
      off.tracing.pipeline("rag").stage("retrieve").run(() -> {});
      assertThat(off.pillars.openMetricsText())
          .contains("pipeline_stage_duration_seconds_count")
          .doesNotContain("trace_id=");
    }
  }
}
