package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleCounter;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.context.Context;

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

  /** The SDK's own bound series when it has bound instruments, else a per-call add. */
  private final BoundDoubleCounter series;

  private final Attributes attributes;
  private final MetricsRuntime runtime;
  private final String metric;

  /**
   * Null while measurements are taken; why they are dropped otherwise: the bad input this handle
   * was made from, or {@code close()}, which sets it on every live series.
   */
  private volatile Rejection refusal;

  BoundCounter(
      DoubleCounter counter, Attributes attributes, MetricsRuntime runtime, String metric) {
    this(bind(counter, attributes), attributes, runtime, metric, null);
  }

  private BoundCounter(
      BoundDoubleCounter series,
      Attributes attributes,
      MetricsRuntime runtime,
      String metric,
      Rejection refusal) {
    this.series = series;
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.refusal = refusal;
  }

  /** A handle whose every measurement is dropped and counted for {@code rejection}. */
  static BoundCounter rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundCounter(null, Attributes.empty(), runtime, metric, rejection);
  }

  /**
   * The SDK's bound series for {@code attributes} (incubator API), or, when {@code counter} has
   * none (an agent's or a no-op instrument), one that adds with the attributes on every call.
   */
  static BoundDoubleCounter bind(DoubleCounter counter, Attributes attributes) {
    if (counter instanceof ExtendedDoubleCounter) {
      try {
        BoundDoubleCounter bound = ((ExtendedDoubleCounter) counter).bind(attributes);
        if (bound != null) {
          return bound;
        }
      } catch (RuntimeException | LinkageError unsupported) {
        // an implementation of another incubator version: record unbound
      }
    }
    return new PerCallAdd(counter, attributes);
  }

  /** From now on, drops and counts every measurement as recorded after close. */
  void close() {
    if (refusal == null) {
      refusal = MetricsRuntime.AFTER_CLOSE;
    }
  }

  /** Adds one. */
  public void increment() {
    // Not increment(1.0): one call level less keeps the SDK's whole record path within the JIT's
    // inlining depth.
    Rejection r = refusal;
    if (r == null) {
      series.add(1.0);
    } else {
      drop(r, 1.0);
    }
  }

  /** Adds {@code amount}, which must be finite and not negative. */
  public void increment(double amount) {
    Rejection r = refusal;
    if (r == null && amount >= 0 && amount < Double.POSITIVE_INFINITY) {
      series.add(amount);
    } else {
      drop(r, amount);
    }
  }

  private void drop(Rejection r, double amount) {
    if (r != null) {
      runtime.reject(r.problem(), metric, r.detail());
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

  /** A bound series over an instrument without bound instruments. */
  private static final class PerCallAdd implements BoundDoubleCounter {
    private final DoubleCounter counter;
    private final Attributes attributes;

    PerCallAdd(DoubleCounter counter, Attributes attributes) {
      this.counter = counter;
      this.attributes = attributes;
    }

    @Override
    public void add(double value) {
      counter.add(value, attributes);
    }

    @Override
    public void add(double value, Context context) {
      counter.add(value, attributes, context);
    }
  }
}
