package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelfCritiquePipelineTracesEveryStage {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();

  @Test
  void oneRunIsARootSpanWithThreeStagesEachHoldingItsModelCall() {
    try (Pillars pillars = SeedPillars.with(spans)) {
      SelfCritiquePipeline.Result r =
          new SelfCritiquePipeline(pillars, SelfCritiquePipeline.simulatedModel())
              .run("A paper about caching.");

      assertThat(r.succeeded()).isTrue();
      assertThat(r.issues()).containsExactly("states no sample size", "overstates the effect");
      List<SpanData> all = spans.getFinishedSpanItems();
      assertThat(all).hasSize(7).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(r.traceId()));
      Map<String, SpanData> byName =
          all.stream()
              .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
      SpanData root = byName.get("self_critique");
      assertThat(root.getParentSpanContext().isValid()).isFalse();
      assertThat(root.getAttributes().asMap().toString()).contains("paper.length");
      for (String stage : List.of("summary", "critique", "revision")) {
        SpanData s = byName.get(stage);
        assertThat(s.getParentSpanId()).as(stage).isEqualTo(root.getSpanId());
        List<SpanData> calls =
            all.stream().filter(c -> c.getParentSpanId().equals(s.getSpanId())).toList();
        assertThat(calls)
            .as("model call under %s", stage)
            .singleElement()
            .satisfies(
                c -> {
                  assertThat(c.getName()).isEqualTo("chat " + SelfCritiquePipeline.MODEL);
                  assertThat(c.getKind()).isEqualTo(SpanKind.CLIENT);
                  assertThat(c.getAttributes().asMap().toString())
                      .contains("gen_ai.usage.input_tokens")
                      .doesNotContain("A paper about caching"); // content capture is off by default
                });
      }
      // stages ran in order
      assertThat(byName.get("summary").getEndEpochNanos())
          .isLessThanOrEqualTo(byName.get("critique").getStartEpochNanos());
      assertThat(byName.get("critique").getEndEpochNanos())
          .isLessThanOrEqualTo(byName.get("revision").getStartEpochNanos());

      String text = pillars.metricsText();
      for (String stage : List.of("summary", "critique", "revision")) {
        assertThat(text)
            .contains(
                "pipeline_stage_duration_seconds_count{otel_scope_name="
                    + "\"dev.pillars\",outcome=\"ok\",pipeline=\"self_critique\",stage=\""
                    + stage
                    + "\"} 1");
        // issue 10 item 6: each stage's error counter is there, at 0, from its first run
        assertThat(text)
            .contains(
                "pipeline_stage_errors_total{otel_scope_name=\"dev.pillars\","
                    + "pipeline=\"self_critique\",stage=\""
                    + stage
                    + "\"} 0.0");
      }
      assertThat(text)
          .contains("pipeline_runs_total{model_name=\"" + SelfCritiquePipeline.MODEL + "\"")
          .doesNotContain("xml_parsing_errors_total");
    }
  }

  @Test
  void aMalformedCritiqueFailsThatStageOnlyAndIsCountedNotThrown() {
    try (Pillars pillars = SeedPillars.with(spans)) {
      SelfCritiquePipeline.Result r =
          new SelfCritiquePipeline(
                  pillars, p -> p.startsWith("Critique") ? "not xml at all" : "fine")
              .run(null);

      assertThat(r.succeeded()).isFalse();
      assertThat(r.failedStage()).isEqualTo("critique");
      List<SpanData> all = spans.getFinishedSpanItems();
      assertThat(all).extracting(SpanData::getName).doesNotContain("revision");
      SpanData critique =
          all.stream().filter(s -> s.getName().equals("critique")).findFirst().orElseThrow();
      assertThat(critique.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(critique.getEvents()).extracting(e -> e.getName()).contains("exception");
      assertThat(
              all.stream()
                  .filter(s -> s.getName().equals("self_critique"))
                  .findFirst()
                  .orElseThrow()
                  .getStatus()
                  .getStatusCode())
          .isEqualTo(StatusCode.ERROR);

      assertThat(pillars.metricsText())
          .contains(
              "pipeline_stage_errors_total{otel_scope_name=\"dev.pillars\","
                  + "pipeline=\"self_critique\",stage=\"critique\"} 1.0")
          .contains("outcome=\"error\",pipeline=\"self_critique\",stage=\"critique\"} 1")
          .contains("xml_parsing_errors_total{otel_scope_name=\"dev.pillars\"} 1");
    }
  }
}
