/**
 * The LLM and RAG recorder: {@link dev.pillars.metrics.llm.LlmMetrics}, {@link
 * dev.pillars.metrics.llm.LlmCall}, {@link dev.pillars.metrics.llm.RagQuery} and their prices.
 *
 * <p>Nullness: {@code @NullMarked}; parameters and results are non-null unless marked {@code
 * Nullable}. A recording call given null drops the measurement, counts it and warns (throttled),
 * never throws; a configuration call given null fails at once, naming the parameter.
 */
@NullMarked
package dev.pillars.metrics.llm;

import org.jspecify.annotations.NullMarked;
