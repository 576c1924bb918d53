package dev.pillars.examples.rag;

/**
 * A model the simulated pipeline can call. Its price, when it has one, lives in the pipeline's
 * {@link dev.pillars.metrics.llm.TokenPriceTable}, never here: a model missing from the table is
 * counted as unpriced, not costed as 0.
 *
 * @param provider {@code gen_ai.provider.name}
 * @param name {@code gen_ai.request.model}
 */
public record LlmModel(String provider, String name) {}
