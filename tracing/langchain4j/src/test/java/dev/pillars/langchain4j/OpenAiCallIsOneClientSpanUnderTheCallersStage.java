package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real OpenAiChatModel against a Chat Completions server: one CLIENT span, child of
 * the stage the caller opened, with every token kind, the cost to the fraction of a cent, the
 * rate-limit headers of the success, and nothing twice.
 */
class OpenAiCallIsOneClientSpanUnderTheCallersStage {

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = server();

  private static ProviderServer server() {
    try {
      return new ProviderServer();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  private ChatModel model() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName(Wire.OPENAI_MODEL)
        .logRequests(true)
        .listeners(List.of(f.lc4j.listener()))
        .build();
  }

  @Test
  void theCallIsAChildOfTheStageWithEveryTokenKindAndItsCost() {
    server.then(
        ProviderServer.json(
            200,
            Wire.openAiCompletion("Paris.", 1200, 1024, 300, 120),
            "x-ratelimit-remaining-requests",
            "499",
            "x-ratelimit-remaining-tokens",
            "148500",
            "x-ratelimit-limit-requests",
            "500"));
    ChatModel model = model();

    String answer;
    String stageSpanId;
    try (StageScope stage = f.tracing.pipeline("qa").open("generate")) {
      stageSpanId = stage.span().getSpanContext().getSpanId();
      answer = model.chat("What is the capital of France?");
    }

    assertThat(answer).isEqualTo("Paris.");
    SpanData call = f.span("chat gpt-4o-mini");
    SpanData stage = f.span("generate");
    assertThat(f.spans()).hasSize(2); // the stage and the call: nothing recorded twice
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getParentSpanId()).isEqualTo(stageSpanId);
    assertThat(call.getTraceId()).isEqualTo(stage.getTraceId());
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    var a = call.getAttributes();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.response.model")))
        .isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(a.get(AttributeKey.stringKey("gen_ai.response.id")))
        .isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
    assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(1200);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(300);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens"))).isEqualTo(1024);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens"))).isEqualTo(120);
    // content is opt-in
    assertThat(a.get(AttributeKey.stringKey("gen_ai.input.messages"))).isNull();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();

    var series = chat("openai", "gpt-4o-mini");
    assertThat(f.histogram("gen_ai.client.operation.duration", series).orElseThrow().getCount())
        .isEqualTo(1);
    assertThat(f.histogram("gen_ai.client.operation.duration")).hasSize(1);
    assertThat(
            f.histogram(
                    "gen_ai.client.token.usage",
                    chat("openai", "gpt-4o-mini", "gen_ai.token.type", "input"))
                .orElseThrow()
                .getSum())
        .isEqualTo(1200);
    assertThat(
            f.histogram(
                    "gen_ai.client.token.usage",
                    chat("openai", "gpt-4o-mini", "gen_ai.token.type", "output"))
                .orElseThrow()
                .getSum())
        .isEqualTo(300);
    var byModel = attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o-mini");
    assertThat(f.counter("llm.tokens.cache_read", byModel)).isEqualTo(1024);
    assertThat(f.counter("llm.tokens.reasoning", byModel)).isEqualTo(120);
    // 176 uncached x 0.15 + 1024 cached x 0.075 + 180 output x 0.60 + 120 reasoning x 0.60, per 1e6
    assertThat(
            f.counter(
                "llm.cost",
                attrs(
                    "gen_ai.provider.name",
                    "openai",
                    "gen_ai.request.model",
                    "gpt-4o-mini",
                    "currency",
                    "USD")))
        .isCloseTo(0.0002832, within(1e-12));
    assertThat(f.counter("llm.errors", byModel)).isZero();
    assertThat(f.counter("llm.http.retries", byModel)).isZero();
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "requests")))
        .isEqualTo(499);
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "tokens")))
        .isEqualTo(148500);
    assertThat(f.histogram("gen_ai.client.operation.time_to_first_chunk")).isEmpty();
    assertThat(
            f.histogram(
                    "pipeline.stage.duration",
                    attrs("pipeline", "qa", "stage", "generate", "outcome", "ok"))
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
    assertThat(f.counterPoints("pillars.llm.misuse")).isEmpty();

    // LangChain4j's own request log line, written inside the call, carries the call's trace id
    assertThat(f.lines)
        .filteredOn(l -> l.logger().startsWith("dev.langchain4j"))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.traceId()).isEqualTo(call.getTraceId()));
  }

  @Test
  void contentIsRecordedOnlyWhenCaptureIsOn() {
    try (Lc4jFixture capturing = new Lc4jFixture(b -> b.captureContent(true))) {
      server.then(ProviderServer.json(200, Wire.openAiCompletion("Paris.", 12, 0, 3, 0)));
      OpenAiChatModel.builder()
          .baseUrl(server.baseUrl())
          .apiKey("k")
          .modelName(Wire.OPENAI_MODEL)
          .listeners(List.of(capturing.lc4j.listener()))
          .build()
          .chat("What is the capital of France?");
      var a = capturing.span("chat gpt-4o-mini").getAttributes();
      assertThat(a.get(AttributeKey.stringKey("gen_ai.input.messages")))
          .contains("What is the capital of France?");
      assertThat(a.get(AttributeKey.stringKey("gen_ai.output.messages"))).contains("Paris.");
    }
  }
}
