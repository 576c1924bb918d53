package dev.pillars.metrics.llm;

import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.StandardMetrics;
import java.util.List;

/**
 * The definitions of the metrics the LLM pillar records beyond {@link StandardMetrics}'s, where the
 * instruments are registered from; {@link LlmMetrics} publishes each under the same name.
 */
final class LlmDefinitions {

  static final MetricDefinition TIME_TO_FIRST_CHUNK =
      MetricDefinition.histogram("gen_ai.client.operation.time_to_first_chunk")
          .description("Time from the request to the first chunk of a streamed LLM response")
          .unit("s")
          .buckets(bucketsOf(StandardMetrics.LLM_DURATION))
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition TIME_PER_OUTPUT_CHUNK =
      MetricDefinition.histogram("gen_ai.client.operation.time_per_output_chunk")
          .description(
              "Time between consecutive chunks of a streamed LLM response, after the first")
          .unit("s")
          .buckets(bucketsOf(StandardMetrics.LLM_DURATION))
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition CACHE_READ_TOKENS =
      MetricDefinition.counter("llm.tokens.cache_read")
          .description("Input tokens read from the provider's prompt cache (part of the input)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition CACHE_CREATION_TOKENS =
      MetricDefinition.counter("llm.tokens.cache_creation")
          .description("Input tokens written to the provider's prompt cache (part of the input)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition REASONING_TOKENS =
      MetricDefinition.counter("llm.tokens.reasoning")
          .description("Output tokens spent on reasoning (part of the output)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition COST =
      MetricDefinition.counter("llm.cost")
          .description("Cost of LLM calls, from the configured token prices, in the currency label")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model", "currency")
          .build();

  static final MetricDefinition UNPRICED_CALLS =
      MetricDefinition.counter("llm.unpriced_calls")
          .description("LLM calls that used tokens of a model with no configured price")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition ERRORS =
      MetricDefinition.counter("llm.errors")
          .description("Failed LLM calls by provider and model")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  static final MetricDefinition RATE_LIMIT_REMAINING =
      MetricDefinition.gauge("llm.rate_limit.remaining")
          .description("Remaining rate limit reported by the LLM provider (requests or tokens)")
          .labelNames("gen_ai.provider.name", "limit_type")
          .build();

  static final MetricDefinition QUERY_LATENCY =
      MetricDefinition.histogram("rag.query.latency")
          .description("End-to-end RAG query latency in seconds")
          .unit("s")
          .buckets(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
          .labelNames("operation")
          .build();

  static final MetricDefinition REQUESTS =
      MetricDefinition.counter("rag.requests")
          .description("RAG queries by operation and status")
          .labelNames("operation", "status")
          .build();

  static final MetricDefinition ACTIVE_REQUESTS =
      MetricDefinition.gauge("rag.active_requests")
          .description("RAG queries in progress")
          .labelNames("operation")
          .build();

  static final MetricDefinition RELEVANCE =
      MetricDefinition.histogram("rag.relevance.score")
          .description("Relevance score of retrieved documents, 0 to 1")
          .buckets(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
          .labelNames("operation")
          .build();

  /** Every definition the pillar records, {@link StandardMetrics}'s and the misuse count too. */
  static final List<MetricDefinition> ALL =
      List.of(
          StandardMetrics.LLM_DURATION,
          StandardMetrics.TOKEN_USAGE,
          TIME_TO_FIRST_CHUNK,
          TIME_PER_OUTPUT_CHUNK,
          CACHE_READ_TOKENS,
          CACHE_CREATION_TOKENS,
          REASONING_TOKENS,
          COST,
          UNPRICED_CALLS,
          ERRORS,
          RATE_LIMIT_REMAINING,
          QUERY_LATENCY,
          REQUESTS,
          ACTIVE_REQUESTS,
          RELEVANCE,
          StandardMetrics.CACHE_HITS,
          StandardMetrics.CACHE_MISSES,
          LlmMisuse.MISUSE);

  private LlmDefinitions() {}

  private static double[] bucketsOf(MetricDefinition d) {
    double[] b = new double[d.buckets().size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = d.buckets().get(i);
    }
    return b;
  }
}
