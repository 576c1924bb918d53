package dev.pillars.tracing;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A warning logged at most five times in any minute, then once a minute with the count of those
 * suppressed, so that a caller misusing the API in a loop cannot flood the logs. The same policy
 * as core's metrics warnings and the OpenTelemetry SDK's throttling logger.
 *
 * <p>Only misuse paths reach this class, never a well-formed stage, so a short lock is fine.
 */
final class ThrottledWarning {

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int BURST = 5;

  private final Logger logger;
  private final long[] recent = new long[BURST];
  private int next;
  private long suppressed;
  private long lastThrottledLog = Long.MIN_VALUE;

  ThrottledWarning(Logger logger) {
    this.logger = logger;
  }

  /** Logs {@code message} unless this minute's budget is spent. */
  void warn(String message) {
    String line;
    synchronized (this) {
      long now = System.nanoTime();
      long oldest = recent[next];
      boolean burstLeft = oldest == 0 || now - oldest >= MINUTE_NANOS;
      boolean slot = lastThrottledLog == Long.MIN_VALUE || now - lastThrottledLog >= MINUTE_NANOS;
      if (!burstLeft && !slot) {
        suppressed++;
        return;
      }
      if (!burstLeft) {
        lastThrottledLog = now;
      }
      recent[next] = now == 0 ? 1 : now;
      next = (next + 1) % BURST;
      line = suppressed == 0 ? message : message + " (" + suppressed + " similar suppressed)";
      suppressed = 0;
    }
    logger.warn(line);
  }
}
