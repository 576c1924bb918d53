package dev.pillars.metrics.llm;

import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Gauge;
import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LLM and RAG metrics (seeds/003's {@code monitored_query}, seeds/000's custom RAG metrics), on
 * the OpenTelemetry GenAI conventions where they exist.
 *
 * <pre>{@code
 * LlmMetrics llm = LlmMetrics.create(pillars.metrics(), prices);
 * Answer answer = llm.monitorQuery("rag_pipeline", query -> {
 *   Docs docs = retrieve(q);
 *   query.relevance(docs.topScore());
 *   Completion c = model.complete(prompt(docs));
 *   query.llmCall(LlmCall.builder("openai", "gpt-4o").inputTokens(c.in()).outputTokens(c.out())
 *       .durationNanos(c.nanos()).build());
 *   return c.answer();
 * });
 * }</pre>
 *
 * <p>What it records (Prometheus names): {@code gen_ai_client_token_usage},
 * {@code gen_ai_client_operation_duration_seconds}, {@code llm_cost_usd_total},
 * {@code llm_unpriced_calls_total}, {@code llm_errors_total}, {@code llm_rate_limit_remaining},
 * {@code rag_query_latency_seconds}, {@code rag_requests_total}, {@code rag_active_requests},
 * {@code rag_relevance_score}, {@code cache_hits_total} and {@code cache_misses_total}. Model
 * names are labels (bounded by the series limit); prompts, queries and users never are.
 */
public final class LlmMetrics {

  private static final Logger LOGGER = LoggerFactory.getLogger(LlmMetrics.class);
  private static final int MAX_WARNED_MODELS = 256;

  /** {@code llm_cost_usd_total}: what calls cost, by provider and model. */
  public static final MetricDefinition COST =
      MetricDefinition.counter("llm.cost.usd")
          .description("Cost of LLM calls in US dollars, from the configured token prices")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_unpriced_calls_total}: calls whose model has no price, so no cost was counted. */
  public static final MetricDefinition UNPRICED_CALLS =
      MetricDefinition.counter("llm.unpriced_calls")
          .description("LLM calls whose model has no configured price (their cost is unknown)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_errors_total}: failed calls by provider, model and error type. */
  public static final MetricDefinition ERRORS =
      MetricDefinition.counter("llm.errors")
          .description("Failed LLM calls by error type")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model", "error.type")
          .build();

  /** {@code llm_rate_limit_remaining}: what the provider says is left of a rate limit. */
  public static final MetricDefinition RATE_LIMIT_REMAINING =
      MetricDefinition.gauge("llm.rate_limit.remaining")
          .description("Remaining rate limit reported by the LLM provider (requests or tokens)")
          .labelNames("gen_ai.provider.name", "limit_type")
          .build();

  /** {@code rag_query_latency_seconds}: end-to-end latency of RAG queries. */
  public static final MetricDefinition QUERY_LATENCY =
      MetricDefinition.histogram("rag.query.latency")
          .description("End-to-end RAG query latency in seconds")
          .unit("s")
          .buckets(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
          .labelNames("operation")
          .build();

  /** {@code rag_requests_total}: RAG queries by operation and status (success or error). */
  public static final MetricDefinition REQUESTS =
      MetricDefinition.counter("rag.requests")
          .description("RAG queries by operation and status")
          .labelNames("operation", "status")
          .build();

  /** {@code rag_active_requests}: RAG queries in progress. */
  public static final MetricDefinition ACTIVE_REQUESTS =
      MetricDefinition.gauge("rag.active_requests")
          .description("RAG queries in progress")
          .labelNames("operation")
          .build();

  /** {@code rag_relevance_score}: relevance of retrieved context, 0 to 1. */
  public static final MetricDefinition RELEVANCE =
      MetricDefinition.histogram("rag.relevance.score")
          .description("Relevance score of retrieved documents, 0 to 1")
          .buckets(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
          .labelNames("operation")
          .build();

  private final Metrics metrics;
  private final TokenPriceTable prices;
  private final Histogram tokens;
  private final Histogram duration;
  private final Counter cost;
  private final Counter unpriced;
  private final Counter errors;
  private final Gauge rateLimit;
  private final Histogram latency;
  private final Counter requests;
  private final Gauge active;
  private final Histogram relevance;
  private final Counter cacheHits;
  private final Counter cacheMisses;
  private final Set<String> warnedModels = ConcurrentHashMap.newKeySet();

  private LlmMetrics(Metrics metrics, TokenPriceTable prices) {
    this.metrics = metrics;
    this.prices = prices;
    this.tokens = metrics.histogram(StandardMetrics.TOKEN_USAGE);
    this.duration = metrics.histogram(StandardMetrics.LLM_DURATION);
    this.cost = metrics.counter(COST);
    this.unpriced = metrics.counter(UNPRICED_CALLS);
    this.errors = metrics.counter(ERRORS);
    this.rateLimit = metrics.gauge(RATE_LIMIT_REMAINING);
    this.latency = metrics.histogram(QUERY_LATENCY);
    this.requests = metrics.counter(REQUESTS);
    this.active = metrics.gauge(ACTIVE_REQUESTS);
    this.relevance = metrics.histogram(RELEVANCE);
    this.cacheHits = metrics.counter(StandardMetrics.CACHE_HITS);
    this.cacheMisses = metrics.counter(StandardMetrics.CACHE_MISSES);
  }

  /** LLM metrics recorded through {@code metrics}, costed with {@code prices}. */
  public static LlmMetrics create(Metrics metrics, TokenPriceTable prices) {
    return new LlmMetrics(
        Objects.requireNonNull(metrics, "metrics"), Objects.requireNonNull(prices, "prices"));
  }

  /** The facade this records through. */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * Records one model call: token usage (input and output), duration, cost (or an unpriced call)
   * and, when it failed, an error. Returns the cost in USD, empty when the model has no price.
   */
  public Optional<Double> recordCall(LlmCall call) {
    if (call == null) {
      return Optional.empty();
    }
    String op = call.operation();
    String provider = call.provider();
    String model = call.model();
    if (call.inputTokens() >= 0) {
      tokens.labels(op, provider, model, "input").record(call.inputTokens());
    }
    if (call.outputTokens() >= 0) {
      tokens.labels(op, provider, model, "output").record(call.outputTokens());
    }
    if (call.failed()) {
      metrics.recordHistogram(
          StandardMetrics.LLM_DURATION.name(),
          call.durationNanos() / 1e9,
          "gen_ai.operation.name", op,
          "gen_ai.provider.name", provider,
          "gen_ai.request.model", model,
          "error.type", call.errorType());
      errors.labels(provider, model, call.errorType()).increment();
    } else {
      duration.labels(op, provider, model).recordNanos(call.durationNanos());
    }
    Optional<ModelPrice> price = prices.find(model);
    if (price.isEmpty()) {
      unpriced.labels(provider, model).increment();
      if (warnedModels.size() < MAX_WARNED_MODELS && warnedModels.add(model)) {
        LOGGER.warn(
            "Pillars LLM metrics: model '{}' has no price in the TokenPriceTable; its calls are"
                + " counted in llm_unpriced_calls_total, not in llm_cost_usd_total",
            model);
      }
      return Optional.empty();
    }
    double usd =
        price.get().cost(Math.max(0, call.inputTokens()), Math.max(0, call.outputTokens()));
    cost.labels(provider, model).increment(usd);
    return Optional.of(usd);
  }

  /** Records a semantic-cache lookup in {@code cache_hits_total} or {@code cache_misses_total}. */
  public void recordCacheLookup(String cacheName, boolean hit) {
    (hit ? cacheHits : cacheMisses).labels(cacheName, "get").increment();
  }

  /** Sets what is left of a provider's rate limit ({@code limitType}: requests or tokens). */
  public void rateLimitRemaining(String provider, String limitType, double remaining) {
    rateLimit.labels(provider, limitType).set(remaining);
  }

  /** Records the relevance score (0 to 1) of what {@code operation} retrieved. */
  public void recordRelevance(String operation, double score) {
    relevance.labels(operation).record(score);
  }

  /**
   * Opens a monitored query: it counts as active until closed, then its latency and outcome are
   * recorded. Call {@link RagQuery#failed(Throwable)} when it fails.
   */
  public RagQuery startQuery(String operation) {
    return new RagQuery(this, operation == null ? "unknown" : operation);
  }

  /**
   * Runs {@code work} as a monitored query (seeds/003's {@code @monitored_query}): active while it
   * runs, latency and status recorded after, an exception marks it failed and is rethrown.
   */
  public <T> T monitorQuery(String operation, Function<RagQuery, T> work) {
    try (RagQuery query = startQuery(operation)) {
      try {
        return work.apply(query);
      } catch (RuntimeException | Error e) {
        query.failed(e);
        throw e;
      }
    }
  }

  void queryStarted(String operation) {
    active.labels(operation).increment();
  }

  void queryEnded(String operation, long nanos, boolean failed) {
    active.labels(operation).decrement();
    latency.labels(operation).recordNanos(nanos);
    requests.labels(operation, failed ? "error" : "success").increment();
  }
}
