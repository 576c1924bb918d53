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
  private final Rejection rejected;

  BoundGauge(Attributes attributes, MetricsRuntime runtime, String metric, Rejection rejected) {
    this.attributes = attributes;
    this.runtime = runtime;
    this.metric = metric;
    this.rejected = rejected;
  }

  static BoundGauge rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return new BoundGauge(Attributes.empty(), runtime, metric, rejection);
  }

  /** Whether this handle was made from bad input (every measurement is dropped). */
  boolean isRejecting() {
    return rejected != null;
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
    if (runtime.refuses(rejected, metric)) {
      return false;
    }
    if (Double.isFinite(value)) {
      return true;
    }
    runtime.reject(Problem.NON_FINITE_VALUE, metric, "gauge value " + value);
    return false;
  }
}
