package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 item 4: prices for every token kind, a currency, a bundled dated table, no silent 0. */
class CostIsExactAndNeverAMadeUpZero {

  private static final ModelPrice SONNET =
      ModelPrice.of(3.00, 15.00).withCachedInput(0.30).withCacheWrite(3.75);

  @Test
  void cachedCacheWriteAndReasoningTokensAreEachAtTheirPrice() {
    // 10,000 input of which 6,000 read from the cache and 1,000 written: 3,000 uncached
    TokenUsage usage = TokenUsage.of(10_000, 2_000).withCacheRead(6_000).withCacheCreation(1_000);
    // 3000*3.00 + 6000*0.30 + 1000*3.75 + 2000*15.00 = 9000 + 1800 + 3750 + 30000 per million
    assertThat(SONNET.cost(usage)).isCloseTo(0.04455, within(1e-12));

    ModelPrice o3 = ModelPrice.of(2.00, 8.00).withCachedInput(0.50);
    // reasoning at the output price unless given: 1000*2 + 3000*8 (of which 2500 reasoning)
    assertThat(o3.cost(TokenUsage.of(1_000, 3_000).withReasoning(2_500)))
        .isCloseTo(0.026, within(1e-12));
    assertThat(o3.withReasoning(4.00).cost(TokenUsage.of(1_000, 3_000).withReasoning(2_500)))
        .isCloseTo(0.002 + 0.004 + 0.010, within(1e-12));
    // unpriced cache kinds default to the input price
    assertThat(ModelPrice.of(1.0, 2.0).cost(TokenUsage.of(100, 0).withCacheRead(100)))
        .isCloseTo(0.0001, within(1e-15));
  }

  @Test
  void anthropicUsageAddsTheCacheTokensToTheInput() {
    TokenUsage u = TokenUsage.anthropic(3_000, 2_000, 6_000, 1_000);
    assertThat(u.inputTokens()).isEqualTo(10_000);
    assertThat(SONNET.cost(u)).isCloseTo(0.04455, within(1e-12));
  }

  @Test
  void theRecordedCostCarriesTheCurrencyAndReachesTheCallAndTheQuery() {
    TokenPriceTable eur =
        TokenPriceTable.builder().currency("eur").price("claude-sonnet-4", SONNET).build();
    try (LlmFixture fx = new LlmFixture(eur)) {
      RagQuery query = fx.llm.startQuery("rag");
      LlmCall call = query.llmCall("anthropic", "claude-sonnet-4-20250514").start();
      call.recordUsage(TokenUsage.anthropic(3_000, 2_000, 6_000, 1_000)).end();
      query.close();
      assertThat(call.cost()).hasValueCloseTo(0.04455, within(1e-12));
      assertThat(query.cost()).hasValueCloseTo(0.04455, within(1e-12));
      assertThat(
              fx.counter(
                  "llm.cost",
                  attrs(
                      "gen_ai.provider.name",
                      "anthropic",
                      "gen_ai.request.model",
                      "claude-sonnet-4-20250514",
                      "currency",
                      "EUR")))
          .isCloseTo(0.04455, within(1e-12));
    }
  }

  @Test
  void anUnpricedModelIsCountedAndItsCostIsEmptyNeverZero() {
    try (LlmFixture fx =
        new LlmFixture(TokenPriceTable.builder().price("gpt-4o", 2.5, 10).build())) {
      RagQuery query = fx.llm.startQuery("rag");
      LlmCall priced = query.llmCall("openai", "gpt-4o").start();
      priced.recordUsage(1000, 100).end();
      LlmCall unpriced = query.llmCall("ollama", "llama-3.1-8b").start();
      unpriced.recordUsage(1000, 100).end();
      query.close();

      assertThat(unpriced.cost()).isEmpty();
      assertThat(query.cost())
          .as("a query with an unpriced call has no trustworthy total")
          .isEmpty();
      assertThat(priced.cost()).hasValueCloseTo(0.0035, within(1e-12));
      assertThat(
              fx.counter(
                  "llm.unpriced_calls",
                  attrs("gen_ai.provider.name", "ollama", "gen_ai.request.model", "llama-3.1-8b")))
          .isEqualTo(1.0);
      assertThat(fx.counterPoints("llm.cost"))
          .noneMatch(
              p ->
                  "llama-3.1-8b"
                      .equals(
                          p.getAttributes()
                              .get(
                                  io.opentelemetry.api.common.AttributeKey.stringKey(
                                      "gen_ai.request.model"))));
    }
  }

  @Test
  void onlyCallsThatUsedTokensCountAsUnpriced() {
    try (LlmFixture fx = new LlmFixture()) {
      fx.llm.call("openai", "gpt-9").start().fail(new IllegalStateException("429"));
      fx.llm.call("openai", "gpt-9").start().recordUsage(0, 0).end();
      fx.llm.call("openai", "gpt-9").start().recordUsage(5, 1).end();
      assertThat(
              fx.counter(
                  "llm.unpriced_calls",
                  attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-9")))
          .isEqualTo(1.0);
    }
  }

  @Test
  void aPricedCallWithoutReportedUsageHasNoCostRatherThanZero() {
    try (LlmFixture fx =
        new LlmFixture(TokenPriceTable.builder().price("gpt-4o", 2.5, 10).build())) {
      LlmCall noUsage = fx.llm.call("openai", "gpt-4o").start();
      noUsage.fail(new IllegalStateException());
      LlmCall zero = fx.llm.call("openai", "gpt-4o").start();
      zero.recordUsage(0, 0).end();
      assertThat(noUsage.cost()).isEmpty();
      assertThat(zero.cost()).hasValue(0.0);
    }
  }

  @Test
  void theBundledTableLoadsWithItsDateAndIsOffUnlessChosen() {
    TokenPriceTable bundled = TokenPriceTable.bundled();
    assertThat(bundled.asOf()).contains(LocalDate.of(2025, 8, 7));
    assertThat(bundled.currency()).isEqualTo("USD");
    assertThat(bundled.find("gpt-4o")).contains(ModelPrice.of(2.50, 10.00).withCachedInput(1.25));
    assertThat(bundled.find("claude-sonnet-4-20250514")).contains(SONNET);
    assertThat(bundled.find("gpt-4o-2024-08-06")).isEqualTo(bundled.find("gpt-4o"));
    assertThat(bundled.prices()).hasSizeGreaterThan(15);
    try (LlmFixture fx = new LlmFixture(b -> b)) {
      assertThat(fx.llm.prices().prices()).isEmpty();
    }
  }

  @Test
  void bundledEntriesAreOverriddenFromCodeOrAFile(@TempDir Path dir) throws Exception {
    TokenPriceTable fromCode =
        TokenPriceTable.builder()
            .putAll(TokenPriceTable.bundled())
            .price("gpt-4o", 2.00, 8.00)
            .build();
    assertThat(fromCode.find("gpt-4o")).contains(ModelPrice.of(2.00, 8.00));
    assertThat(fromCode.find("o3")).isEqualTo(TokenPriceTable.bundled().find("o3"));
    assertThat(fromCode.asOf()).contains(LocalDate.of(2025, 8, 7));

    Path file = dir.resolve("prices.properties");
    Files.writeString(
        file,
        "# ours\nas-of = 2026-11-30\ngpt-4o.input = 2.25\ngpt-4o.output = 9\n"
            + "gpt-4o.cached_input = 1.00 # negotiated\nmy-model.input=1\nmy-model.output=2\n");
    TokenPriceTable mine = TokenPriceTable.load(file);
    TokenPriceTable merged =
        TokenPriceTable.builder().putAll(TokenPriceTable.bundled()).putAll(mine).build();
    assertThat(merged.find("gpt-4o")).contains(ModelPrice.of(2.25, 9).withCachedInput(1.00));
    assertThat(merged.find("my-model")).contains(ModelPrice.of(1, 2));
    assertThat(merged.find("claude-opus-4")).isPresent();
    assertThatThrownBy(
            () ->
                TokenPriceTable.builder()
                    .putAll(TokenPriceTable.bundled())
                    .putAll(TokenPriceTable.builder().currency("EUR").price("x", 1, 1).build()))
        .hasMessageContaining("cannot mix prices in USD and EUR");
  }

  @Test
  void aMalformedPriceFileFailsAtLoadNamingTheLine() {
    assertThatThrownBy(() -> parse("gpt-4o.input = 2.5\ngpt-4o.output = ten\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("gpt-4o.output");
    assertThatThrownBy(() -> parse("# c\n\ngpt-4o.inptu = 2.5\n"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("cached_input");
    assertThatThrownBy(() -> parse("a.input=1\na.output=1\njust words\n"))
        .hasMessageContaining("line 3")
        .hasMessageContaining("key = value");
    assertThatThrownBy(() -> parse("x.input = 1\ny.input=2\ny.output=1\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("x.output");
    assertThatThrownBy(() -> parse("currency = XYZ\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> parse("as-of = yesterday\n")).hasMessageContaining("line 1");
    assertThatThrownBy(() -> parse("a.input = -1\na.output = 1\n"))
        .hasMessageContaining("line 1")
        .hasMessageContaining(">= 0");
  }

  @Test
  void anUnknownCurrencyInCodeFailsWhenTheTableIsBuilt() {
    assertThatThrownBy(() -> TokenPriceTable.builder().currency("dollars"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO 4217");
    assertThatThrownBy(() -> ModelPrice.of(-1, 1)).hasMessageContaining(">= 0");
  }

  private static TokenPriceTable parse(String text) throws Exception {
    return TokenPriceTable.fromProperties(new StringReader(text));
  }
}
