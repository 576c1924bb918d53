package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleHistogram;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogram;
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

  /** The SDK's own bound series when it has bound instruments, else a per-call record. */
  private final BoundDoubleHistogram series;

  private final Attributes attributes;
  private final MetricsRuntime runtime;
  private final String metric;
  private final double nanosToUnit;

  /**
   * Null while measurements are taken; why they are dropped otherwise: the bad input this handle
   * was made from, or {@code close()}, which sets it on every live series.
   */
  private volatile Rejection refusal;

  BoundHistogram(
      DoubleHistogram histogram,
      Attributes attributes,
      MetricsRuntime runtime,
      String metric,
      double nanosToUnit) {
    this(bind(histogram, attributes), attributes, runtime, metric, nanosToUnit, null);
  }

  private BoundHistogram(
      BoundDoubleHistogram series,
      Attributes attributes,
      MetricsRuntime runtime,
      String metric,
      double nanosToUnit,
      Rejection refusal) {
    this.series = series;
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.nanosToUnit = nanosToUnit;
    this.refusal = refusal;
  }

  /** Counts a timing wrapper given null work (nothing ran, nothing is timed). */
  void nullWork(String call) {
    runtime.reject(Problem.NULL_BODY, metric, call + ": no work to time; nothing ran");
  }

  static BoundHistogram rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundHistogram(null, Attributes.empty(), runtime, metric, 1e-9, rejection);
  }

  /**
   * The SDK's bound series for {@code attributes} (incubator API), or, when {@code histogram} has
   * none (an agent's or a no-op instrument), one that records with the attributes on every call.
   */
  static BoundDoubleHistogram bind(DoubleHistogram histogram, Attributes attributes) {
    if (histogram instanceof ExtendedDoubleHistogram) {
      try {
        BoundDoubleHistogram bound = ((ExtendedDoubleHistogram) histogram).bind(attributes);
        if (bound != null) {
          return bound;
        }
      } catch (RuntimeException | LinkageError unsupported) {
        // an implementation of another incubator version: record unbound
      }
    }
    return new PerCallRecord(histogram, attributes);
  }

  /** From now on, drops and counts every measurement as recorded after close. */
  void close() {
    if (refusal == null) {
      refusal = MetricsRuntime.AFTER_CLOSE;
    }
  }

  /** Records {@code value}, in the histogram's unit; it must be finite and not negative. */
  public void record(double value) {
    Rejection r = refusal;
    if (r == null && value >= 0 && value < Double.POSITIVE_INFINITY) {
      series.record(value);
    } else {
      drop(r, value);
    }
  }

  /**
   * Records {@code value} as if {@code context} were current: a sampled span in it becomes the
   * sample's exemplar. For instrumentation that holds the context already, such as a scope that
   * ends its span; it saves looking the current context up. A null context means the current one.
   */
  public void record(double value, Context context) {
    Rejection r = refusal;
    if (r == null && value >= 0 && value < Double.POSITIVE_INFINITY) {
      series.record(value, context != null ? context : Context.current());
    } else {
      drop(r, value);
    }
  }

  private void drop(Rejection r, double value) {
    if (r != null) {
      runtime.reject(r.problem(), metric, r.detail());
    } else {
      runtime.reject(
          Double.isNaN(value) || Double.isInfinite(value)
              ? Problem.NON_FINITE_VALUE
              : Problem.NEGATIVE_VALUE,
          metric,
          "histogram value " + value);
    }
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

  /** A bound series over an instrument without bound instruments. */
  private static final class PerCallRecord implements BoundDoubleHistogram {
    private final DoubleHistogram histogram;
    private final Attributes attributes;

    PerCallRecord(DoubleHistogram histogram, Attributes attributes) {
      this.histogram = histogram;
      this.attributes = attributes;
    }

    @Override
    public void record(double value) {
      histogram.record(value, attributes);
    }

    @Override
    public void record(double value, Context context) {
      histogram.record(value, attributes, context);
    }
  }
}
