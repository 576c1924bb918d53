package dev.pillars.examples.rag;

import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Gauge;
import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;

/**
 * The RAG and LLM metrics of seeds/003, defined once so their Prometheus names are exactly the
 * README's contract ({@code rag_query_latency_seconds}, {@code rag_requests_total}, {@code
 * llm_cost_usd_total}, ...). Label values are bounded: operations, providers, models and error
 * types come from code, never from a user's question.
 */
public final class RagMetrics {

  /** {@code rag_query_latency_seconds{operation}}. */
  public static final MetricDefinition QUERY_LATENCY =
      MetricDefinition.histogram("rag_query_latency")
          .description("End-to-end RAG query latency")
          .unit("s")
          .buckets(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
          .labelNames("operation")
          .build();

  /** {@code rag_requests_total{operation,status}}, status success or error. */
  public static final MetricDefinition REQUESTS =
      MetricDefinition.counter("rag_requests")
          .description("RAG requests by operation and outcome")
          .labelNames("operation", "status")
          .build();

  /** {@code rag_active_requests{operation}}. */
  public static final MetricDefinition ACTIVE =
      MetricDefinition.gauge("rag_active_requests")
          .description("RAG requests in progress")
          .labelNames("operation")
          .build();

  /** {@code rag_relevance_score{operation}}, 0..1. */
  public static final MetricDefinition RELEVANCE =
      MetricDefinition.histogram("rag_relevance_score")
          .description("Relevance of the retrieved context to the question, 0 to 1")
          .buckets(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
          .labelNames("operation")
          .build();

  /** {@code llm_cost_usd_total{gen_ai_provider_name,gen_ai_request_model}}. */
  public static final MetricDefinition COST =
      MetricDefinition.counter("llm_cost_usd")
          .description("Money spent on LLM calls, in US dollars")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_unpriced_calls_total}: calls whose model has no price, so no cost was counted. */
  public static final MetricDefinition UNPRICED =
      MetricDefinition.counter("llm_unpriced_calls")
          .description("LLM calls to models without a known price (their cost is not in llm_cost_usd)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_rate_limit_remaining{gen_ai_provider_name,limit_type}}. */
  public static final MetricDefinition RATE_LIMIT_REMAINING =
      MetricDefinition.gauge("llm_rate_limit_remaining")
          .description("Requests or tokens left in the provider's current rate-limit window")
          .labelNames("gen_ai.provider.name", "limit_type")
          .build();

  /** {@code llm_errors_total{gen_ai_provider_name,gen_ai_request_model,error_type}}. */
  public static final MetricDefinition ERRORS =
      MetricDefinition.counter("llm_errors")
          .description("Failed LLM calls by error type")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model", "error.type")
          .build();

  final Histogram queryLatency;
  final Counter requests;
  final Gauge active;
  final Histogram relevance;
  final Counter cost;
  final Counter unpriced;
  final Gauge rateLimitRemaining;
  final Counter llmErrors;
  final Histogram tokenUsage;
  final Histogram llmDuration;
  final Metrics facade;

  /** Defines (or finds) every metric above in {@code metrics}. */
  public RagMetrics(Metrics metrics) {
    this.facade = metrics;
    this.queryLatency = metrics.histogram(QUERY_LATENCY);
    this.requests = metrics.counter(REQUESTS);
    this.active = metrics.gauge(ACTIVE);
    this.relevance = metrics.histogram(RELEVANCE);
    this.cost = metrics.counter(COST);
    this.unpriced = metrics.counter(UNPRICED);
    this.rateLimitRemaining = metrics.gauge(RATE_LIMIT_REMAINING);
    this.llmErrors = metrics.counter(ERRORS);
    this.tokenUsage = metrics.histogram(StandardMetrics.TOKEN_USAGE);
    this.llmDuration = metrics.histogram(StandardMetrics.LLM_DURATION);
  }
}
