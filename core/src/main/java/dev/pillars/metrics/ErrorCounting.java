package dev.pillars.metrics;

import dev.pillars.kit.Failures;
import java.util.Arrays;

/**
 * Counts failures of code: the seeds' {@code @track_errors}. Each exception adds one to a counter
 * (by default {@code error_count}) with the given labels plus {@code error_type}, the exception's
 * fully qualified class name (as {@code error.type} is everywhere); the exception is rethrown
 * unchanged. Get one from {@link
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
      withType[withType.length - 1] = Failures.errorType(failure);
      metrics.incrementCounter(counterName, withType);
    }
  }
}
