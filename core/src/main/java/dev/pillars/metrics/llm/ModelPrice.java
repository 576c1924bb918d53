package dev.pillars.metrics.llm;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion USD per million input (prompt) tokens
 * @param outputPerMillion USD per million output (completion) tokens
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion) {

  /** Rejects negative and non-finite prices. */
  public ModelPrice {
    if (!(inputPerMillion >= 0 && Double.isFinite(inputPerMillion))
        || !(outputPerMillion >= 0 && Double.isFinite(outputPerMillion))) {
      throw new IllegalArgumentException(
          "prices must be finite and >= 0 USD per million tokens, got input="
              + inputPerMillion
              + " output="
              + outputPerMillion);
    }
  }

  /** The cost in USD of one call. */
  public double cost(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
  }
}
