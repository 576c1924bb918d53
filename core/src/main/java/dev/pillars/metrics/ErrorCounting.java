package dev.pillars.metrics;

import java.util.Arrays;

/**
 * Counts failures of code: the seeds' {@code @track_errors}. Each exception adds one to a counter
 * (by default {@code error_count}) with the given labels plus {@code error_type}, the exception's
 * simple class name; the exception is rethrown unchanged. Get one from {@link
 * Metrics#countErrors}.
 *
 * <pre>{@code
 * ErrorCounting errors = metrics.countErrors("endpoint", "/query", "function", "process_query");
 * Answer a = errors.get(() -> process(query));
 * }</pre>
 */
public final class ErrorCounting extends Instrumented {

  private final Metrics metrics;
  private final String counterName;
  private final String[] labels;

  ErrorCounting(Metrics metrics, String counterName, String[] labels) {
    this.metrics = metrics;
    this.counterName = counterName;
    this.labels = Arrays.copyOf(labels, labels.length + 2);
    this.labels[labels.length] = "error_type";
  }

  @Override
  long begin() {
    return 0;
  }

  @Override
  void end(long begin, Throwable failure) {
    if (failure != null) {
      String[] withType = labels.clone();
      String type = failure.getClass().getSimpleName();
      withType[withType.length - 1] = type.isEmpty() ? failure.getClass().getName() : type;
      metrics.incrementCounter(counterName, withType);
    }
  }
}
