package dev.pillars.metrics.llm;

/**
 * What a model costs per million tokens, in the currency of its {@link TokenPriceTable}. Cached
 * input and cache writes default to the input price, reasoning to the output price, as providers
 * bill them when they publish no separate price.
 *
 * <pre>{@code
 * ModelPrice sonnet = ModelPrice.of(3.00, 15.00).withCachedInput(0.30).withCacheWrite(3.75);
 * }</pre>
 *
 * @param inputPerMillion per million input tokens not served from or written to the cache
 * @param cachedInputPerMillion per million input tokens read from the prompt cache
 * @param cacheWritePerMillion per million input tokens written to the prompt cache
 * @param outputPerMillion per million output tokens
 * @param reasoningPerMillion per million reasoning output tokens
 */
public record ModelPrice(
    double inputPerMillion,
    double cachedInputPerMillion,
    double cacheWritePerMillion,
    double outputPerMillion,
    double reasoningPerMillion) {

  /** Rejects negative and non-finite prices. */
  public ModelPrice {
    check("input", inputPerMillion);
    check("cached input", cachedInputPerMillion);
    check("cache write", cacheWritePerMillion);
    check("output", outputPerMillion);
    check("reasoning", reasoningPerMillion);
  }

  /** Input and output prices; cached input and cache writes at the input price. */
  public static ModelPrice of(double inputPerMillion, double outputPerMillion) {
    return new ModelPrice(
        inputPerMillion, inputPerMillion, inputPerMillion, outputPerMillion, outputPerMillion);
  }

  /** This price with {@code perMillion} for input tokens read from the prompt cache. */
  public ModelPrice withCachedInput(double perMillion) {
    return new ModelPrice(
        inputPerMillion, perMillion, cacheWritePerMillion, outputPerMillion, reasoningPerMillion);
  }

  /** This price with {@code perMillion} for input tokens written to the prompt cache. */
  public ModelPrice withCacheWrite(double perMillion) {
    return new ModelPrice(
        inputPerMillion, cachedInputPerMillion, perMillion, outputPerMillion, reasoningPerMillion);
  }

  /** This price with {@code perMillion} for reasoning output tokens. */
  public ModelPrice withReasoning(double perMillion) {
    return new ModelPrice(
        inputPerMillion, cachedInputPerMillion, cacheWritePerMillion, outputPerMillion, perMillion);
  }

  /**
   * The cost of {@code usage}: uncached input, cache reads, cache writes, non-reasoning output and
   * reasoning output, each at its price. Unknown counts ({@code -1}) count as 0.
   */
  public double cost(TokenUsage usage) {
    long input = Math.max(0, usage.inputTokens());
    long cacheRead = Math.max(0, usage.cacheReadInputTokens());
    long cacheWrite = Math.max(0, usage.cacheCreationInputTokens());
    long output = Math.max(0, usage.outputTokens());
    long reasoning = Math.max(0, usage.reasoningOutputTokens());
    long uncached = Math.max(0, input - cacheRead - cacheWrite);
    long plainOutput = Math.max(0, output - reasoning);
    return (uncached * inputPerMillion
            + cacheRead * cachedInputPerMillion
            + cacheWrite * cacheWritePerMillion
            + plainOutput * outputPerMillion
            + reasoning * reasoningPerMillion)
        / 1_000_000.0;
  }

  private static void check(String what, double price) {
    if (!(price >= 0 && Double.isFinite(price))) {
      throw new IllegalArgumentException(
          what + " price must be a finite number >= 0 per million tokens, got " + price);
    }
  }
}
