package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.context.Context;

/**
 * One series of a {@link Histogram}, its label values bound once. {@link #record(double)} does not
 * allocate; inside a sampled span the SDK attaches an exemplar pointing at it.
 *
 * <p>Never throws: a negative, NaN or infinite value, or a call after {@code close()}, is dropped,
 * counted in {@code pillars_metrics_dropped_total} and warned about (throttled).
 */
public final class BoundHistogram {

  private final DoubleHistogram histogram;
  private final Attributes attributes;
  private final MetricsRuntime runtime;
  private final String metric;
  private final Rejection rejected;
  private final double nanosToUnit;

  BoundHistogram(
      DoubleHistogram histogram,
      Attributes attributes,
      MetricsRuntime runtime,
      String metric,
      double nanosToUnit,
      Rejection rejected) {
    this.histogram = histogram;
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.nanosToUnit = nanosToUnit;
    this.rejected = rejected;
  }

  /** Counts a timing wrapper given null work (nothing ran, nothing is timed). */
  void nullWork(String call) {
    runtime.reject(Problem.NULL_BODY, metric, call + ": no work to time; nothing ran");
  }

  static BoundHistogram rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundHistogram(null, Attributes.empty(), runtime, metric, 1e-9, rejection);
  }

  /** Records {@code value}, in the histogram's unit; it must be finite and not negative. */
  public void record(double value) {
    if (accepts(value)) {
      histogram.record(value, attributes);
    }
  }

  /**
   * Records {@code value} as if {@code context} were current: a sampled span in it becomes the
   * sample's exemplar. For instrumentation that holds the context already, such as a scope that
   * ends its span; it saves looking the current context up. A null context means the current one.
   */
  public void record(double value, Context context) {
    if (accepts(value)) {
      histogram.record(value, attributes, context != null ? context : Context.current());
    }
  }

  private boolean accepts(double value) {
    if (runtime.refuses(rejected, metric)) {
      return false;
    }
    if (value >= 0 && value < Double.POSITIVE_INFINITY) {
      return true;
    }
    runtime.reject(
        Double.isNaN(value) || Double.isInfinite(value)
            ? Problem.NON_FINITE_VALUE
            : Problem.NEGATIVE_VALUE,
        metric,
        "histogram value " + value);
    return false;
  }

  /** Records a duration measured with {@link System#nanoTime()}, converted to the unit. */
  public void recordNanos(long nanos) {
    record(nanos * nanosToUnit);
  }

  /** Records a {@link System#nanoTime()} duration with {@code context} as the current one. */
  public void recordNanos(long nanos, Context context) {
    record(nanos * nanosToUnit, context);
  }

  /**
   * Starts timing; closing the scope records the elapsed time in the histogram's unit.
   *
   * <pre>{@code
   * try (TimingScope t = retrieval.startTimer()) {
   *   results = index.search(query);
   * }
   * }</pre>
   */
  public TimingScope startTimer() {
    return new TimingScope(this::recordNanos, System.nanoTime());
  }

  /** The labels of this series, as recorded. */
  public Attributes attributes() {
    return attributes;
  }
}
