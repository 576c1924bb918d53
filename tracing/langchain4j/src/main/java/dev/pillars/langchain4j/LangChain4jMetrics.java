package dev.pillars.langchain4j;

import dev.pillars.metrics.MetricDefinition;
import java.util.List;

/**
 * The metrics this module adds to core's LLM pillar (which records everything else: durations,
 * tokens, cost, errors, time to first chunk, rate limits, relevance scores).
 */
public final class LangChain4jMetrics {

  /**
   * {@code llm_http_retries_total}: HTTP attempts beyond the first of a model call, seen by the
   * HTTP client of {@link PillarsLangChain4j#httpClientBuilder()}; 0 from the model's first call.
   */
  public static final MetricDefinition RETRIES =
      MetricDefinition.counter("llm.http.retries")
          .description("HTTP attempts of LLM calls beyond the first (retries)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code rag_empty_retrievals_total}: retrievals that found nothing, 0 from the first. */
  public static final MetricDefinition EMPTY_RETRIEVALS =
      MetricDefinition.counter("rag.empty_retrievals")
          .description("Retrievals that returned no document")
          .labelNames("operation")
          .build();

  private LangChain4jMetrics() {}

  /** Every definition this module registers. */
  public static List<MetricDefinition> definitions() {
    return List.of(RETRIES, EMPTY_RETRIEVALS);
  }
}
