package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One series of a {@link Gauge}, its label values bound once. The value lives here (as the bits of
 * a double) and is read when metrics are collected, so setting it is one atomic write.
 *
 * <p>Never throws: a NaN or infinite value, or a call after {@code close()}, is dropped, counted in
 * {@code pillars_metrics_dropped_total} and warned about (throttled).
 */
public final class BoundGauge {

  private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0.0));
  private final Attributes attributes;
  private final MetricsRuntime runtime;
  private final String metric;

  /**
   * Null while measurements are taken; why they are dropped otherwise: the bad input this handle
   * was made from, or {@code close()}, which sets it on every live series.
   */
  private volatile Rejection refusal;

  BoundGauge(Attributes attributes, MetricsRuntime runtime, String metric, Rejection refusal) {
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.refusal = refusal;
  }

  static BoundGauge rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundGauge(Attributes.empty(), runtime, metric, rejection);
  }

  /** Whether this handle was made from bad input (every measurement is dropped). */
  boolean isRejecting() {
    Rejection r = refusal;
    return r != null && r != MetricsRuntime.AFTER_CLOSE;
  }

  /** From now on, drops and counts every measurement as recorded after close. */
  void close() {
    if (refusal == null) {
      refusal = MetricsRuntime.AFTER_CLOSE;
    }
  }

  /** Sets the value. */
  public void set(double value) {
    if (accepts(value)) {
      bits.set(Double.doubleToRawLongBits(value));
    }
  }

  /** Adds one. */
  public void increment() {
    add(1.0);
  }

  /** Subtracts one. */
  public void decrement() {
    add(-1.0);
  }

  /** Adds {@code delta}, which may be negative. */
  public void add(double delta) {
    if (!accepts(delta)) {
      return;
    }
    long prev;
    long next;
    do {
      prev = bits.get();
      next = Double.doubleToRawLongBits(Double.longBitsToDouble(prev) + delta);
    } while (!bits.compareAndSet(prev, next));
  }

  /** The current value. */
  public double value() {
    return Double.longBitsToDouble(bits.get());
  }

  /** The labels of this series, as recorded. */
  public Attributes attributes() {
    return attributes;
  }

  private boolean accepts(double value) {
    Rejection r = refusal;
    if (r == null && Double.isFinite(value)) {
      return true;
    }
    if (r != null) {
      runtime.reject(r.problem(), metric, r.detail());
    } else {
      runtime.reject(Problem.NON_FINITE_VALUE, metric, "gauge value " + value);
    }
    return false;
  }
}
