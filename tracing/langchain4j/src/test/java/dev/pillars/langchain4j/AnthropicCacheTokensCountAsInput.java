package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real AnthropicChatModel: Anthropic's input_tokens exclude the cache tokens, so the
 * recorded input is input + cache read + cache write, each part priced at its own rate; the
 * anthropic-ratelimit headers of the success reach the gauge.
 */
class AnthropicCacheTokensCountAsInput {

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = Servers.start();

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  @Test
  void inputIsTheSumOfUncachedCacheReadAndCacheWriteTokens() {
    server.then(
        ProviderServer.json(
            200,
            Wire.anthropicMessage("Bonjour!", 50, 1000, 200, 80),
            "anthropic-ratelimit-requests-remaining",
            "49",
            "anthropic-ratelimit-tokens-remaining",
            "39000",
            "request-id",
            "req_018EeWyXxfu5pfWkrYcMdjWG"));
    var model =
        AnthropicChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .modelName(Wire.ANTHROPIC_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build();

    assertThat(model.chat("Say hello in French")).isEqualTo("Bonjour!");

    var a = f.span("chat " + Wire.ANTHROPIC_MODEL).getAttributes();
    assertThat(a.get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("anthropic");
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(1250);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens"))).isEqualTo(1000);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens")))
        .isEqualTo(200);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(80);
    assertThat(a.get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");

    assertThat(
            f.histogram(
                    "gen_ai.client.token.usage",
                    chat("anthropic", Wire.ANTHROPIC_MODEL, "gen_ai.token.type", "input"))
                .orElseThrow()
                .getSum())
        .isEqualTo(1250);
    var byModel =
        attrs("gen_ai.provider.name", "anthropic", "gen_ai.request.model", Wire.ANTHROPIC_MODEL);
    assertThat(f.counter("llm.tokens.cache_read", byModel)).isEqualTo(1000);
    assertThat(f.counter("llm.tokens.cache_creation", byModel)).isEqualTo(200);
    // 50 x 3.00 + 1000 x 0.30 + 200 x 3.75 + 80 x 15.00, per million = $0.0024
    assertThat(
            f.counter(
                "llm.cost",
                attrs(
                    "gen_ai.provider.name",
                    "anthropic",
                    "gen_ai.request.model",
                    Wire.ANTHROPIC_MODEL,
                    "currency",
                    "USD")))
        .isCloseTo(0.0024, within(1e-12));
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "anthropic", "limit_type", "requests")))
        .isEqualTo(49);
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "anthropic", "limit_type", "tokens")))
        .isEqualTo(39000);
    assertThat(f.counterPoints("pillars.llm.misuse")).isEmpty();
  }
}
