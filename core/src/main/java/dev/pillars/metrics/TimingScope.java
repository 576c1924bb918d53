package dev.pillars.metrics;

/**
 * Times a block for a histogram: created by {@link Metrics#trackDuration} or {@link
 * BoundHistogram#startTimer()}, it records the elapsed time when closed. Closing twice records
 * once.
 */
public final class TimingScope implements AutoCloseable {

  private final BoundHistogram histogram;
  private final long startNanos;
  private boolean closed;

  TimingScope(BoundHistogram histogram, long startNanos) {
    this.histogram = histogram;
    this.startNanos = startNanos;
  }

  /** Records the time since the scope opened. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      histogram.recordNanos(System.nanoTime() - startNanos);
    }
  }
}
