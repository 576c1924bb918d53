package dev.pillars.examples.seeds;

import dev.pillars.Pillars;
import dev.pillars.metrics.ActiveScope;
import dev.pillars.metrics.ErrorCounting;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.TimingScope;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import io.opentelemetry.api.OpenTelemetry;

/**
 * seeds/001, the "Metrics Collection Framework" tour, in Java: the HTTP middleware (example 1), an
 * LLM call timed and error-counted like the {@code @track_duration}/{@code @track_errors}
 * decorators (2), a cache (3, {@link CacheWithMetrics}), a RAG vector search (4) and a database
 * query with a pooled connection (5). The seeds' {@code bedrock_*} and {@code token_usage} are
 * recorded under OpenTelemetry's GenAI names by core's LLM recorder, the one writer of them.
 */
public final class MetricsCollectorTour {

  private final Metrics metrics;
  private final LlmCall.Opener claude;
  private final ErrorCounting llmErrors;

  /** A tour recording into {@code metrics}, its LLM spans through {@code openTelemetry}. */
  public MetricsCollectorTour(OpenTelemetry openTelemetry, Metrics metrics) {
    this.metrics = metrics;
    this.claude =
        LlmMetrics.builder(openTelemetry, metrics).build().call("aws.bedrock", "claude-3");
    this.llmErrors = metrics.countErrors("endpoint", "/query", "function", "invoke_bedrock");
  }

  /** Example 1: what the middleware records around one request. */
  public int handleRequest(String endpoint, String method, boolean fail) {
    try (ActiveScope a = metrics.trackActive("active_requests", "endpoint", endpoint);
        TimingScope t =
            metrics.startTimer("request_duration", "endpoint", endpoint, "method", method)) {
      if (fail) {
        metrics.incrementCounter(
            "error_count",
            "error_type",
            IllegalStateException.class.getName(),
            "endpoint",
            endpoint,
            "function",
            "middleware");
      }
      int status = fail ? 500 : 200;
      metrics.incrementCounter(
          "request_count",
          "endpoint",
          endpoint,
          "method",
          method,
          "status",
          Integer.toString(status));
      return status;
    }
  }

  /** Example 2: an LLM call, timed and error-counted, with its token usage. */
  public String invokeLlm(String prompt, boolean fail) {
    metrics.incrementCounter("llm_invocations", "model_id", "claude-3", "status", "started");
    LlmCall call = claude.start();
    try {
      String answer =
          llmErrors.get(
              () -> {
                if (fail) {
                  throw new IllegalStateException("throttled");
                }
                return "answer to a " + prompt.length() + "-character prompt";
              });
      call.recordUsage(450, 120).end();
      metrics.incrementCounter("llm_invocations", "model_id", "claude-3", "status", "success");
      return answer;
    } catch (IllegalStateException e) {
      call.fail(e);
      metrics.incrementCounter("llm_invocations", "model_id", "claude-3", "status", "failed");
      return null;
    }
  }

  /** Example 4: a vector search, timed, with started/success/failed counts. */
  public int vectorSearch(boolean fail) {
    metrics.incrementCounter("rag_queries", "operation", "vector_search", "status", "started");
    try (TimingScope t =
        metrics.startTimer("retrieval_time", "operation", "vector_search", "source", "chroma")) {
      if (fail) {
        metrics.incrementCounter("rag_queries", "operation", "vector_search", "status", "failed");
        return 0;
      }
      metrics.incrementCounter("rag_queries", "operation", "vector_search", "status", "success");
      return 5;
    }
  }

  /** Example 5: a query on a pooled connection. */
  public void queryUsers() {
    try (ActiveScope c = metrics.trackActive("active_connections", "connection_type", "database");
        TimingScope t =
            metrics.startTimer(
                "database_query_duration", "operation", "select", "table", "users")) {
      // SELECT * FROM users WHERE id = ?
    }
  }

  /** Runs every example once (and the failing paths once) and prints the metrics text. */
  public static void main(String[] args) {
    try (Pillars pillars =
        Pillars.builder()
            .serviceName("metrics-tour")
            .prometheusPort(0)
            .runtimeMetrics(false)
            .build()) {
      runAll(pillars);
      System.out.print(pillars.metricsText());
    }
  }

  /** Every example, as {@link #main} runs them. */
  public static void runAll(Pillars pillars) {
    Metrics metrics = pillars.metrics();
    MetricsCollectorTour tour = new MetricsCollectorTour(pillars.openTelemetry(), metrics);
    tour.handleRequest("/query", "POST", false);
    tour.handleRequest("/query", "POST", true);
    tour.invokeLlm("Hello", false);
    tour.invokeLlm("Hello", true);
    CacheWithMetrics cache = new CacheWithMetrics(metrics, "embeddings");
    cache.get("key1");
    cache.put("key1", "value1");
    cache.get("key1");
    tour.vectorSearch(false);
    tour.vectorSearch(true);
    tour.queryUsers();
  }
}
