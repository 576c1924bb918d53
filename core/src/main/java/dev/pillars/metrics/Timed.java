package dev.pillars.metrics;

/**
 * Times code into one histogram series: the seeds' {@code @track_duration}. Get one from {@link
 * Metrics#timed}; it is immutable and reusable, so keep it in a field.
 *
 * <pre>{@code
 * Timed llmDuration = metrics.timed("gen_ai.client.operation.duration",
 *     "gen_ai.operation.name", "chat", "gen_ai.provider.name", "anthropic",
 *     "gen_ai.request.model", "claude-3");
 * String answer = llmDuration.get(() -> client.complete(prompt));
 * CompletableFuture<String> later = llmDuration.async(() -> client.completeAsync(prompt));
 * }</pre>
 *
 * <p>Successes and failures are both timed.
 */
public final class Timed extends Instrumented {

  private final BoundHistogram histogram;

  Timed(BoundHistogram histogram) {
    this.histogram = histogram;
  }

  @Override
  long begin() {
    return System.nanoTime();
  }

  @Override
  void end(long begin, Throwable failure) {
    histogram.recordNanos(System.nanoTime() - begin);
  }
}
