package dev.pillars.metrics.llm;

import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Gauge;
import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;

/**
 * The LLM pillar's instruments, registered once over one {@link Metrics}, with the prices calls are
 * costed with and the misuse counter: what {@link ModelSeries} and {@link QuerySeries} bind their
 * labels on.
 */
final class LlmInstruments {

  final Metrics metrics;
  final TokenPriceTable prices;
  final LlmMisuse misuse;
  final Histogram duration;
  final Histogram tokens;
  final Histogram timeToFirstChunk;
  final Histogram timePerOutputChunk;
  final Counter cacheReadTokens;
  final Counter cacheCreationTokens;
  final Counter reasoningTokens;
  final Counter cost;
  final Counter unpriced;
  final Counter errors;
  final Gauge active;
  final Histogram latency;
  final Counter requests;
  private final Gauge rateLimit;
  private final Histogram relevance;
  private final Counter cacheHits;
  private final Counter cacheMisses;

  LlmInstruments(Metrics metrics, TokenPriceTable prices) {
    this.metrics = metrics;
    this.prices = prices;
    this.misuse = new LlmMisuse(metrics);
    this.duration = metrics.histogram(StandardMetrics.LLM_DURATION);
    this.tokens = metrics.histogram(StandardMetrics.TOKEN_USAGE);
    this.timeToFirstChunk = metrics.histogram(LlmDefinitions.TIME_TO_FIRST_CHUNK);
    this.timePerOutputChunk = metrics.histogram(LlmDefinitions.TIME_PER_OUTPUT_CHUNK);
    this.cacheReadTokens = metrics.counter(LlmDefinitions.CACHE_READ_TOKENS);
    this.cacheCreationTokens = metrics.counter(LlmDefinitions.CACHE_CREATION_TOKENS);
    this.reasoningTokens = metrics.counter(LlmDefinitions.REASONING_TOKENS);
    this.cost = metrics.counter(LlmDefinitions.COST);
    this.unpriced = metrics.counter(LlmDefinitions.UNPRICED_CALLS);
    this.errors = metrics.counter(LlmDefinitions.ERRORS);
    this.rateLimit = metrics.gauge(LlmDefinitions.RATE_LIMIT_REMAINING);
    this.latency = metrics.histogram(LlmDefinitions.QUERY_LATENCY);
    this.requests = metrics.counter(LlmDefinitions.REQUESTS);
    this.active = metrics.gauge(LlmDefinitions.ACTIVE_REQUESTS);
    this.relevance = metrics.histogram(LlmDefinitions.RELEVANCE);
    this.cacheHits = metrics.counter(StandardMetrics.CACHE_HITS);
    this.cacheMisses = metrics.counter(StandardMetrics.CACHE_MISSES);
  }

  /** Records a semantic-cache lookup in {@code cache_hits_total} or {@code cache_misses_total}. */
  void recordCacheLookup(String cacheName, boolean hit) {
    (hit ? cacheHits : cacheMisses).labels(cacheName, "get").increment();
  }

  /** Sets what is left of a provider's rate limit ({@code limitType}: requests or tokens). */
  void rateLimitRemaining(String provider, String limitType, double remaining) {
    rateLimit.labels(provider, limitType).set(remaining);
  }

  /** Records the relevance score (0 to 1) of what {@code operation} retrieved. */
  void recordRelevance(String operation, double score) {
    relevance.labels(operation).record(score);
  }
}
