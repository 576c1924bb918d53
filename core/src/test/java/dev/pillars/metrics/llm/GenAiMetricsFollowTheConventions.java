package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static dev.pillars.metrics.llm.LlmFixture.genAi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.StandardMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 items 3 and 5: the convention's buckets on the gen_ai metrics (the seed catalog keeps
 * the seeds'), error.type as the fully qualified class name, gen_ai.provider.name never
 * gen_ai.system, and cache and reasoning tokens on the span and in their own counters.
 */
class GenAiMetricsFollowTheConventions {

  static final List<Double> SECONDS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  static final List<Double> TOKENS =
      List.of(
          1.0,
          4.0,
          16.0,
          64.0,
          256.0,
          1024.0,
          4096.0,
          16384.0,
          65536.0,
          262144.0,
          1048576.0,
          4194304.0,
          16777216.0,
          67108864.0);

  private final LlmFixture fx = new LlmFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void genAiHistogramsUseTheAdvisedBucketsAndTheSeedsKeepTheirs() {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    call.chunk().chunk().recordUsage(10, 2).end();
    fx.metrics.recordHistogram("request_duration", 0.3, "endpoint", "/q", "method", "GET");
    for (String name :
        List.of(
            "gen_ai.client.operation.duration",
            "gen_ai.client.operation.time_to_first_chunk",
            "gen_ai.client.operation.time_per_output_chunk")) {
      assertThat(fx.histogram(name))
          .as(name)
          .isNotEmpty()
          .allSatisfy(p -> assertThat(p.getBoundaries()).isEqualTo(SECONDS));
    }
    assertThat(fx.histogram("gen_ai.client.token.usage"))
        .allSatisfy(p -> assertThat(p.getBoundaries()).isEqualTo(TOKENS));
    assertThat(fx.histogram("request_duration").get(0).getBoundaries())
        .containsExactly(
            0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0);
    assertThat(StandardMetrics.LLM_DURATION.buckets()).isEqualTo(SECONDS);
    assertThat(StandardMetrics.TOKEN_USAGE.buckets()).isEqualTo(TOKENS);
  }

  @Test
  void errorTypeIsTheFullyQualifiedClassNameOnSpanAndMetric() {
    fx.llm.call("openai", "gpt-4o").start().fail(new java.net.SocketTimeoutException("slow"));
    SpanData span = fx.finishedSpans().get(0);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.net.SocketTimeoutException");
    assertThat(
            fx.histogram(
                    "gen_ai.client.operation.duration",
                    genAi(
                        "chat",
                        "openai",
                        "gpt-4o",
                        "error.type",
                        "java.net.SocketTimeoutException"))
                .getCount())
        .isEqualTo(1);
  }

  @Test
  void theSpanUsesProviderNameNeverTheDeprecatedSystem() {
    fx.llm.call("anthropic", "claude-sonnet-4").operation("text_completion").start().end();
    SpanData span = fx.finishedSpans().get(0);
    assertThat(span.getName()).isEqualTo("text_completion claude-sonnet-4");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
        .isEqualTo("anthropic");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("text_completion");
    assertThat(span.getAttributes().asMap().keySet())
        .noneMatch(k -> k.getKey().equals("gen_ai.system"));
    assertThat(fx.metricsData())
        .allSatisfy(
            m ->
                assertThat(m.getData().getPoints())
                    .allSatisfy(
                        p ->
                            assertThat(
                                    p.getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
                                .isNull()));
  }

  @Test
  void cacheAndReasoningTokensGoOnTheSpanAndIntoTheirCounters() { // issue 10 item 3
    fx.llm
        .call("openai", "o3")
        .start()
        .recordUsage(
            TokenUsage.of(5_000, 1_500)
                .withCacheRead(4_096)
                .withCacheCreation(0)
                .withReasoning(1_200))
        .end();
    SpanData span = fx.finishedSpans().get(0);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(5_000L);
    assertThat(
            span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
        .isEqualTo(4_096L);
    assertThat(
            span.getAttributes()
                .get(AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens")))
        .isEqualTo(0L);
    assertThat(
            span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens")))
        .isEqualTo(1_200L);
    var model = attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "o3");
    assertThat(fx.counter("llm.tokens.cache_read", model)).isEqualTo(4_096);
    assertThat(fx.counter("llm.tokens.cache_creation", model)).isEqualTo(0);
    assertThat(fx.counter("llm.tokens.reasoning", model)).isEqualTo(1_200);
    // gen_ai.token.type stays input|output; the totals include the cache and reasoning parts
    assertThat(fx.histogram("gen_ai.client.token.usage"))
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type")))
        .containsExactlyInAnyOrder("input", "output");
  }

  @Test
  void unreportedCacheAndReasoningCountsAreLeftOut() {
    fx.llm.call("openai", "gpt-4o").start().recordUsage(100, 10).end();
    SpanData span = fx.finishedSpans().get(0);
    assertThat(
            span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
        .isNull();
    assertThat(fx.counterPoints("llm.tokens.cache_read")).isEmpty();
    assertThat(fx.counterPoints("llm.tokens.reasoning")).isEmpty();
  }
}
