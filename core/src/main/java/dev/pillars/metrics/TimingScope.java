package dev.pillars.metrics;

import java.util.function.LongConsumer;

/**
 * Times a block for a histogram: created by {@code Metrics.startTimer(..)} or {@code
 * BoundHistogram.startTimer()}, it records the elapsed time when closed. Closing twice records
 * once.
 */
public final class TimingScope implements AutoCloseable {

  private final LongConsumer recordNanos;
  private final long startNanos;
  private boolean closed;

  TimingScope(LongConsumer recordNanos, long startNanos) {
    this.recordNanos = recordNanos;
    this.startNanos = startNanos;
  }

  /** Records the time since the scope opened. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      recordNanos.accept(System.nanoTime() - startNanos);
    }
  }
}
