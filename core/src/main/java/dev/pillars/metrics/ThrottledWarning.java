package dev.pillars.metrics;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A warning that is logged at most a few times a minute, so that a caller feeding bad input in a
 * loop cannot flood the logs. Like the OpenTelemetry SDK's throttling logger: up to five warnings
 * in any minute, then one a minute, each saying how many were suppressed since the last one.
 *
 * <p>Only bad-input paths reach this class, never a well-formed recording, so a short lock is fine.
 */
final class ThrottledWarning {

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int BURST = 5;

  private final Logger logger;
  private final NanoClock clock;
  private final long[] recent = new long[BURST];
  private int next;
  private long suppressed;
  private long lastThrottledLog = Long.MIN_VALUE;

  ThrottledWarning(Logger logger, NanoClock clock) {
    this.logger = logger;
    this.clock = clock;
  }

  /** Logs {@code message} unless the budget for this minute is spent. */
  void warn(String message) {
    String line;
    synchronized (this) {
      long now = clock.nanoTime();
      long oldest = recent[next];
      boolean burstLeft = oldest == 0 || now - oldest >= MINUTE_NANOS;
      if (!burstLeft) {
        if (lastThrottledLog == Long.MIN_VALUE) {
          lastThrottledLog = now; // the burst is spent: the next warning may come a minute on
        }
        if (now - lastThrottledLog < MINUTE_NANOS) {
          suppressed++;
          return;
        }
        lastThrottledLog = now;
      }
      recent[next] = now == 0 ? 1 : now;
      next = (next + 1) % BURST;
      line = suppressed == 0 ? message : message + " (" + suppressed + " similar warnings suppressed)";
      suppressed = 0;
    }
    logger.warn(line);
  }

  /** A source of {@link System#nanoTime()}, replaceable in tests. */
  @FunctionalInterface
  interface NanoClock {
    long nanoTime();
  }
}
