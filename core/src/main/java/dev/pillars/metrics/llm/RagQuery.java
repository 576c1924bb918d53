package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import java.util.OptionalDouble;

/**
 * One monitored RAG query, opened by {@link LlmMetrics#startQuery}: active until closed, then its
 * latency and status ({@code success} or {@code error}) are recorded. Closing twice records once.
 * LLM calls opened from {@link #llmCall} add their cost to the query's, and a failed call marks the
 * query failed.
 *
 * <pre>{@code
 * try (RagQuery query = llm.startQuery("rag_pipeline")) {
 *   query.relevance(0.82);
 *   try (LlmCall call = query.llmCall("openai", "gpt-4o").start()) {
 *     call.recordUsage(512, 128);
 *   }
 *   OptionalDouble cost = query.cost();   // empty when a call used tokens of an unpriced model
 * }
 * }</pre>
 */
public final class RagQuery implements AutoCloseable {

  private final LlmRecorder recorder;
  private final QuerySeries series;
  private final QueryTally tally = new QueryTally();
  private final long startNanos;
  private boolean closed;

  RagQuery(LlmRecorder recorder, QuerySeries series) {
    this.recorder = recorder;
    this.series = series;
    this.startNanos = recorder.clock.getAsLong();
    series.active.increment();
  }

  /** Describes an LLM call made for this query; see {@link LlmMetrics#call}. */
  public LlmCall.Opener llmCall(String provider, String model) {
    return new LlmCall.Opener(recorder, recorder.series("chat", provider, model), tally);
  }

  /** Records the relevance score (0 to 1) of the retrieved context. */
  public void relevance(double score) {
    recorder.instruments.recordRelevance(series.operation, score);
  }

  /** Records a semantic-cache lookup made for this query. */
  public void cacheLookup(String cacheName, boolean hit) {
    recorder.instruments.recordCacheLookup(cacheName, hit);
  }

  /** Marks the query failed; its status becomes {@code error}. */
  public void failed(Throwable failure) {
    tally.fail();
  }

  /**
   * What the query's LLM calls cost so far, in the price table's currency; empty when no call was
   * priced, or when a call used tokens of a model without a price (the total would be wrong).
   */
  public OptionalDouble cost() {
    return tally.cost();
  }

  /** Records latency and status. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        recorder.misuse.report(
            LlmMisuse.Reason.CLOSED_TWICE,
            "RAG query '" + Text.printable(series.operation) + "' closed twice");
        return;
      }
      closed = true;
    }
    series.active.decrement();
    series.latency.recordNanos(recorder.clock.getAsLong() - startNanos);
    (tally.failed() ? series.error : series.success).increment();
  }
}
