package dev.pillars.examples.rag;

import java.util.OptionalDouble;

/**
 * A model the simulated pipeline can call, with its price per million tokens when known.
 *
 * @param provider {@code gen_ai.provider.name}
 * @param name {@code gen_ai.request.model}
 * @param inputPerMillion US dollars per million input tokens, or NaN when unpriced
 * @param outputPerMillion US dollars per million output tokens, or NaN when unpriced
 */
public record LlmModel(String provider, String name, double inputPerMillion, double outputPerMillion) {

  /** The cost of one call, or empty when this model has no price (never a silent 0). */
  public OptionalDouble cost(long inputTokens, long outputTokens) {
    if (Double.isNaN(inputPerMillion) || Double.isNaN(outputPerMillion)) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0);
  }

  /** A model without a known price. */
  public static LlmModel unpriced(String provider, String name) {
    return new LlmModel(provider, name, Double.NaN, Double.NaN);
  }
}
