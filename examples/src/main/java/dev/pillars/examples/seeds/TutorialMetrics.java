package dev.pillars.examples.seeds;

import dev.pillars.Pillars;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.TimingScope;

/**
 * seeds/000, the metrics tutorial, in Java: counters, a histogram with explicit buckets, gauges,
 * labels, the {@code /metrics} text, and the exercise's custom RAG metrics (retrieval time,
 * embedding cache hits, LLM tokens by model and type, rerank latency, webhook deliveries).
 *
 * <p>The tutorial's {@code cache_hit_rate} gauge becomes hit and miss counters: a rate computed in
 * PromQL stays right when several instances are summed, a gauge set by each does not.
 */
public final class TutorialMetrics {

  static final double[] LATENCY_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0
  };

  static final MetricDefinition API_REQUESTS =
      MetricDefinition.counter("api_requests")
          .description("API Total Requests")
          .labelNames("endpoint", "method", "status")
          .build();
  static final MetricDefinition API_ERRORS =
      MetricDefinition.counter("api_errors")
          .description("API Total Errors")
          .labelNames("error_type")
          .build();
  static final MetricDefinition API_LATENCY =
      MetricDefinition.histogram("api_request_duration")
          .description("API Request Duration")
          .unit("s")
          .buckets(LATENCY_BUCKETS)
          .build();
  static final MetricDefinition WEBHOOKS_ACTIVE =
      MetricDefinition.gauge("webhooks_active").description("Active Webhooks").build();
  static final MetricDefinition RETRIEVAL =
      MetricDefinition.histogram("document_retrieval")
          .description("Document retrieval latency")
          .unit("s")
          .buckets(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0)
          .build();
  static final MetricDefinition LLM_TOKENS =
      MetricDefinition.counter("llm_tokens")
          .description("Total LLM tokens consumed")
          .labelNames("model", "type")
          .build();
  static final MetricDefinition RERANK =
      MetricDefinition.histogram("rerank_latency")
          .description("Reranking latency")
          .unit("s")
          .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
          .build();
  static final MetricDefinition WEBHOOK_DELIVERY =
      MetricDefinition.counter("webhook_delivery")
          .description("Webhook delivery attempts")
          .labelNames("status")
          .build();

  private TutorialMetrics() {}

  /** Records every step of the tutorial into {@code metrics}. */
  public static void record(Metrics metrics) {
    // 1.1 counters
    metrics.counter(API_REQUESTS).labels("graphql", "POST", "200").increment();
    metrics.counter(API_ERRORS).labels("validation").increment();
    // 1.2 a histogram, timed around real work
    try (TimingScope t = metrics.histogram(API_LATENCY).labels().startTimer()) {
      sleep(100);
    }
    // 1.3 gauges
    metrics.gauge(WEBHOOKS_ACTIVE).set(5);
    // 3. the exercise: custom RAG metrics
    metrics.histogram(RETRIEVAL).record(0.12);
    for (int i = 0; i < 82; i++) {
      metrics.incrementCounter("cache_hits", "cache_name", "embeddings", "operation", "get");
    }
    for (int i = 0; i < 18; i++) {
      metrics.incrementCounter("cache_misses", "cache_name", "embeddings", "operation", "get");
    }
    metrics.counter(LLM_TOKENS).labels("gpt-4.1", "prompt").increment(512);
    metrics.counter(LLM_TOKENS).labels("gpt-4.1", "completion").increment(128);
    metrics.histogram(RERANK).record(0.03);
    metrics.counter(WEBHOOK_DELIVERY).labels("success").increment();
  }

  /** Runs the tutorial and prints what Prometheus would scrape. */
  public static void main(String[] args) {
    try (Pillars pillars =
        Pillars.builder().serviceName("tutorial").prometheusPort(0).runtimeMetrics(false).build()) {
      record(pillars.metrics());
      System.out.print(pillars.metricsText());
      System.out.println(
          "# embedding cache hit rate in PromQL: rate(cache_hits_total[5m]) /"
              + " (rate(cache_hits_total[5m]) + rate(cache_misses_total[5m]))");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
