package dev.pillars.metrics;

import dev.pillars.kit.Failures;
import java.util.Arrays;

/**
 * Counts failures of code: the seeds' {@code @track_errors}. Each exception adds one to a counter
 * (by default {@code error_count}) with the given labels plus {@code error_type}, the exception's
 * fully qualified class name (as {@code error.type} is everywhere); the exception is rethrown
 * unchanged. Get one from {@link Metrics#countErrors}.
 *
 * <pre>{@code
 * ErrorCounting errors = metrics.countErrors("endpoint", "/query", "function", "process_query");
 * Answer a = errors.get(() -> process(query));
 * }</pre>
 */
public final class ErrorCounting extends Instrumented {

  /** Increments the error counter by name, with label name-value pairs (the facade's). */
  interface Sink {
    void increment(String[] labels);
  }

  private final Sink counter;
  private final MetricsRuntime runtime;
  private final String counterName;
  private final String[] labels;

  ErrorCounting(Sink counter, MetricsRuntime runtime, String counterName, String[] labels) {
    this.counter = counter;
    this.runtime = runtime;
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
      counter.increment(withType);
    }
  }

  @Override
  void nullWork(String call) {
    runtime.reject(Problem.NULL_BODY, counterName, call + ": no work to watch; nothing ran");
  }
}
