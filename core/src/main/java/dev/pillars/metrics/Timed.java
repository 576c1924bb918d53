package dev.pillars.metrics;

/**
 * Times code into one histogram series: the seeds' {@code @track_duration}. Get one from {@link
 * Metrics#timed}; it is immutable and reusable, so keep it in a field.
 *
 * <pre>{@code
 * Timed vectorSearch = metrics.timed("retrieval_time",
 *     "operation", "vector_search", "source", "chroma");
 * List<Doc> docs = vectorSearch.get(() -> store.search(query, 5));
 * CompletableFuture<List<Doc>> later = vectorSearch.async(() -> store.searchAsync(query, 5));
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

  @Override
  void nullWork(String call) {
    histogram.nullWork(call);
  }
}
