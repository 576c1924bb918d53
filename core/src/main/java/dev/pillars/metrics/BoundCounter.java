package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;

/**
 * One series of a {@link Counter}, its label values bound once. Keep it in a field and call {@link
 * #increment()} on the hot path: no allocation, no lock, no lookup.
 *
 * <pre>{@code
 * BoundCounter ok = requests.labels("/query", "POST", "200");
 * ok.increment();
 * }</pre>
 *
 * <p>Never throws: a negative, NaN or infinite amount, or a call after {@code close()}, is dropped,
 * counted in {@code pillars_metrics_dropped_total} and warned about (throttled).
 */
public final class BoundCounter {

  private final DoubleCounter counter;
  private final Attributes attributes;
  private final MetricsRuntime runtime;
  private final String metric;
  private final Rejection rejected;

  BoundCounter(
      DoubleCounter counter, Attributes attributes, MetricsRuntime runtime, String metric) {
    this(counter, attributes, runtime, metric, null);
  }

  private BoundCounter(
      DoubleCounter counter,
      Attributes attributes,
      MetricsRuntime runtime,
      String metric,
      Rejection rejected) {
    this.counter = counter;
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.rejected = rejected;
  }

  /** A handle whose every measurement is dropped and counted for {@code rejection}. */
  static BoundCounter rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundCounter(null, Attributes.empty(), runtime, metric, rejection);
  }

  /** Adds one. */
  public void increment() {
    increment(1.0);
  }

  /** Adds {@code amount}, which must be finite and not negative. */
  public void increment(double amount) {
    if (runtime.refuses(rejected, metric)) {
      return;
    }
    if (amount >= 0 && amount < Double.POSITIVE_INFINITY) {
      counter.add(amount, attributes);
    } else {
      runtime.reject(
          Double.isNaN(amount) || Double.isInfinite(amount)
              ? Problem.NON_FINITE_VALUE
              : Problem.NEGATIVE_INCREMENT,
          metric,
          "counter increment " + amount);
    }
  }

  /** The labels of this series, as recorded. */
  public Attributes attributes() {
    return attributes;
  }
}
