package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 429 carries the provider's rate-limit headers, which LangChain4j's exception drops: with the
 * adapter's HTTP client they reach llm_rate_limit_remaining; without it they are lost. LangChain4j
 * retries a 429 twice by default and shows its listener one call: the HTTP client counts the
 * attempts beyond the first.
 */
class RateLimitsAndRetriesAreVisible {

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = Servers.start();
  private final String rateLimited = RateLimitException.class.getName();
  private final io.opentelemetry.api.common.Attributes byModel =
      attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", Wire.OPENAI_MODEL);

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  private OpenAiChatModel.OpenAiChatModelBuilder openAi() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("test-key")
        .modelName(Wire.OPENAI_MODEL)
        .listeners(List.of(f.lc4j.listener()));
  }

  private ProviderServer.Reply tooManyRequests() {
    return ProviderServer.json(
        429,
        Wire.OPENAI_429,
        "x-ratelimit-remaining-requests",
        "0",
        "x-ratelimit-remaining-tokens",
        "1200",
        "x-ratelimit-reset-requests",
        "120ms",
        "retry-after",
        "0");
  }

  @Test
  void aRateLimitedCallWithoutRetriesKeepsTheHeadersOfIts429() {
    server.then(tooManyRequests());
    var model = openAi().maxRetries(0).httpClientBuilder(f.lc4j.httpClientBuilder()).build();

    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);

    assertThat(server.requests()).hasSize(1);
    var span = f.span("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(rateLimited);
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.request.resend_count")))
        .isNull();
    assertThat(
            f.histogram(
                    "gen_ai.client.operation.duration",
                    chat("openai", Wire.OPENAI_MODEL, "error.type", rateLimited))
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
    assertThat(f.counter("llm.errors", byModel)).isEqualTo(1);
    assertThat(f.counter("llm.http.retries", byModel)).isZero();
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "requests")))
        .isZero();
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "tokens")))
        .isEqualTo(1200);
  }

  @Test
  void withoutTheAdaptersHttpClientTheHeadersOfA429AreLost() {
    server.then(tooManyRequests());
    var model = openAi().maxRetries(0).build();

    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);

    assertThat(f.counter("llm.errors", byModel)).isEqualTo(1);
    assertThat(f.gaugePoints("llm.rate_limit.remaining")).isEmpty();
  }

  @Test
  void defaultRetriesAreCountedOnOneCall() {
    server.then(tooManyRequests());
    var model = openAi().httpClientBuilder(f.lc4j.httpClientBuilder()).build(); // maxRetries 2

    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);

    assertThat(server.requests()).hasSize(3);
    assertThat(f.spans()).hasSize(1); // one call, as the listener saw it
    var span = f.span("chat gpt-4o-mini");
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.request.resend_count")))
        .isEqualTo(2);
    assertThat(f.counter("llm.http.retries", byModel)).isEqualTo(2);
    assertThat(f.counter("llm.errors", byModel)).isEqualTo(1);
    assertThat(
            f.histogram(
                    "gen_ai.client.operation.duration",
                    chat("openai", Wire.OPENAI_MODEL, "error.type", rateLimited))
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
  }

  @Test
  void aRetryThatSucceedsIsOneSuccessfulCallWithOneResend() {
    server
        .then(tooManyRequests())
        .then(
            ProviderServer.json(
                200,
                Wire.openAiCompletion("ok", 10, 0, 2, 0),
                "x-ratelimit-remaining-requests",
                "498"));
    var model = openAi().maxRetries(1).httpClientBuilder(f.lc4j.httpClientBuilder()).build();

    assertThat(model.chat("hi")).isEqualTo("ok");

    var span = f.span("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.longKey("http.request.resend_count")))
        .isEqualTo(1);
    assertThat(f.counter("llm.http.retries", byModel)).isEqualTo(1);
    assertThat(f.counter("llm.errors", byModel)).isZero();
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "requests")))
        .isEqualTo(498);
  }

  @Test
  void anthropicsRateLimitHeadersOfA429ReachTheGauge() {
    server.then(
        ProviderServer.json(
            429,
            Wire.ANTHROPIC_429,
            "anthropic-ratelimit-requests-remaining",
            "0",
            "anthropic-ratelimit-tokens-remaining",
            "0",
            "retry-after",
            "0"));
    var model =
        AnthropicChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("k")
            .modelName(Wire.ANTHROPIC_MODEL)
            .maxRetries(0)
            .httpClientBuilder(f.lc4j.httpClientBuilder())
            .listeners(List.of(f.lc4j.listener()))
            .build();

    assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);

    assertThat(
            f.span("chat " + Wire.ANTHROPIC_MODEL)
                .getAttributes()
                .get(AttributeKey.stringKey("error.type")))
        .isEqualTo(rateLimited);
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "anthropic", "limit_type", "requests")))
        .isZero();
  }
}
