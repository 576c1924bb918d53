package dev.pillars.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** tracing's {@code llmCall(..)} is a shorthand for core's recorder: one span, metrics once. */
class LlmCallFollowsGenAiConventions {

  private final TracingFixture fx = new TracingFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void spanCarriesGenAiAttributesAndNoContentByDefault() {
    try (LlmCall call = fx.tracing.llmCall("chat", "anthropic", "claude-sonnet-4-20250514")) {
      call.prompt("my secret prompt")
          .recordUsage(1200, 350)
          .responseModel("claude-sonnet-4-20250514")
          .completion("the answer");
    }
    SpanData span = fx.span("chat claude-sonnet-4-20250514");
    assertThat(span)
        .hasKind(SpanKind.CLIENT)
        .hasAttribute(AttributeKey.stringKey("gen_ai.operation.name"), "chat")
        .hasAttribute(AttributeKey.stringKey("gen_ai.provider.name"), "anthropic")
        .hasAttribute(AttributeKey.stringKey("gen_ai.request.model"), "claude-sonnet-4-20250514")
        .hasAttribute(AttributeKey.stringKey("gen_ai.response.model"), "claude-sonnet-4-20250514")
        .hasAttribute(AttributeKey.longKey("gen_ai.usage.input_tokens"), 1200L)
        .hasAttribute(AttributeKey.longKey("gen_ai.usage.output_tokens"), 350L);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))).isNull();
    assertThat(span.getAttributes().toString()).doesNotContain("secret");

    assertThat(fx.pillars.metricsText())
        .contains(
            "gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\","
                + "gen_ai_provider_name=\"anthropic\",gen_ai_request_model=\"claude-sonnet-4-20250514\",gen_ai_token_type=\"input\",otel_scope_name=\"dev.pillars\"}"
                + " 1200.0")
        .contains("gen_ai_client_operation_duration_seconds_count{")
        .doesNotContain("secret");
  }

  @Test
  void tracingsShorthandAndCoresRecorderWriteTheSameSeriesOncePerCall() {
    LlmMetrics llm =
        LlmMetrics.create(
            fx.pillars.openTelemetry(), fx.pillars.metrics(), TokenPriceTable.empty());
    try (LlmCall call = fx.tracing.llmCall("chat", "openai", "gpt-4o")) {
      call.recordUsage(10, 5);
    }
    try (LlmCall call = llm.call("openai", "gpt-4o").start()) {
      call.recordUsage(10, 5);
    }
    fx.tracing.llmCall("chat", "openai", "gpt-4o").fail(new IllegalStateException("boom"));
    assertThat(fx.pillars.metricsText())
        .doesNotContain("pillars_metrics_dropped_total")
        .contains(
            "gen_ai_client_token_usage_count{gen_ai_operation_name=\"chat\","
                + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\","
                + "gen_ai_token_type=\"input\",otel_scope_name=\"dev.pillars\"} 2\n")
        .contains(
            "gen_ai_client_operation_duration_seconds_count{"
                + "error_type=\"java.lang.IllegalStateException\"");
    assertThat(fx.finished()).filteredOn(s -> s.getName().equals("chat gpt-4o")).hasSize(3);
  }

  @Test
  void contentIsRecordedOnlyWhenOptedIn() {
    PipelineTracing capturing =
        PipelineTracing.builder(fx.pillars.openTelemetry())
            .metrics(fx.pillars.metrics())
            .captureContent(true)
            .build();
    try (LlmCall call = capturing.llmCall("chat", "openai", "gpt-4o")) {
      call.prompt("say \"hi\"").completion("hi");
    }
    assertThat(fx.span("chat gpt-4o"))
        .hasAttribute(
            AttributeKey.stringKey("gen_ai.input.messages"),
            "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"say \\\"hi\\\"\"}]}]")
        .hasAttribute(
            AttributeKey.stringKey("gen_ai.output.messages"),
            "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"hi\"}]}]");
  }

  @Test
  void llmCallInsideAStageIsItsChild() {
    Pipeline p = fx.tracing.pipeline("self-critique");
    p.stage("summary")
        .run(
            () -> {
              try (LlmCall call = fx.tracing.llmCall("chat", "anthropic", "claude")) {
                call.recordUsage(10, 5);
              }
            });
    assertThat(fx.span("chat claude")).hasParent(fx.span("summary"));
  }

  @Test
  void aCallInsideAStageIsOneSpanAndOneObservationPerMetric() { // issue 10 item 1
    Pipeline p = fx.tracing.pipeline("rag");
    p.stage("generate")
        .run(
            () -> {
              try (LlmCall call = fx.tracing.llmCall("chat", "openai", "gpt-4o")) {
                call.chunk().chunk().recordUsage(100, 20);
              }
            });
    assertThat(fx.finished())
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder("generate", "chat gpt-4o");
    var data = fx.reader.collectAllMetrics();
    for (String name :
        java.util.List.of(
            "gen_ai.client.operation.duration",
            "gen_ai.client.operation.time_to_first_chunk",
            "gen_ai.client.operation.time_per_output_chunk")) {
      assertThat(
              data.stream()
                  .filter(m -> m.getName().equals(name))
                  .flatMap(m -> m.getHistogramData().getPoints().stream())
                  .mapToLong(pt -> pt.getCount())
                  .sum())
          .as(name)
          .isEqualTo(1);
    }
    assertThat(
            data.stream()
                .filter(m -> m.getName().equals("gen_ai.client.token.usage"))
                .flatMap(m -> m.getHistogramData().getPoints().stream())
                .mapToLong(pt -> pt.getCount())
                .sum())
        .isEqualTo(2);
  }
}
