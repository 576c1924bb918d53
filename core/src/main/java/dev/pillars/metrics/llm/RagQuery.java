package dev.pillars.metrics.llm;

import java.util.Optional;

/**
 * One monitored RAG query, opened by {@link LlmMetrics#startQuery}: active until closed, then its
 * latency and status ({@code success} or {@code error}) are recorded. Closing twice records once.
 *
 * <pre>{@code
 * try (RagQuery query = llm.startQuery("rag_pipeline")) {
 *   query.relevance(0.82);
 *   query.llmCall(call);
 * }
 * }</pre>
 */
public final class RagQuery implements AutoCloseable {

  private final LlmMetrics metrics;
  private final String operation;
  private final long startNanos = System.nanoTime();
  private double costUsd;
  private boolean failed;
  private boolean closed;

  RagQuery(LlmMetrics metrics, String operation) {
    this.metrics = metrics;
    this.operation = operation;
    metrics.queryStarted(operation);
  }

  /** Records a model call made for this query; returns its cost when the model is priced. */
  public Optional<Double> llmCall(LlmCall call) {
    Optional<Double> cost = metrics.recordCall(call);
    cost.ifPresent(c -> costUsd += c);
    if (call != null && call.failed()) {
      failed = true;
    }
    return cost;
  }

  /** Records the relevance score (0 to 1) of the retrieved context. */
  public void relevance(double score) {
    metrics.recordRelevance(operation, score);
  }

  /** Records a semantic-cache lookup made for this query. */
  public void cacheLookup(String cacheName, boolean hit) {
    metrics.recordCacheLookup(cacheName, hit);
  }

  /** Marks the query failed; its status becomes {@code error}. */
  public void failed(Throwable failure) {
    failed = true;
  }

  /** The cost in USD of the priced calls recorded so far. */
  public double costUsd() {
    return costUsd;
  }

  /** Records latency and status. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      metrics.queryEnded(operation, System.nanoTime() - startNanos, failed);
    }
  }
}
