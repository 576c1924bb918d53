package dev.pillars.kit;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Internal, not for public use. A warning that is logged at most a few times a minute, so that a
 * caller feeding bad input in a loop cannot flood the logs. Like the OpenTelemetry SDK's throttling
 * logger: up to five warnings in any minute, then one a minute, each saying how many were
 * suppressed since the last one.
 *
 * <p>Shared by the Pillars modules for their bad-input and misuse warnings. Only those paths reach
 * it, never a well-formed recording, so a short lock is fine.
 *
 * <pre>{@code
 * private static final ThrottledWarning NEGATIVE = new ThrottledWarning(LOGGER);
 * NEGATIVE.warn("dropped a negative increment of " + metric);
 * }</pre>
 */
public final class ThrottledWarning {

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int BURST = 5;

  private final Logger logger;
  private final LongSupplier clock;
  private final long[] recent = new long[BURST];
  private int next;
  private long suppressed;
  private long lastThrottledLog = Long.MIN_VALUE;

  /**
   * A warning written to {@code logger}.
   *
   * @param logger where the warnings go
   */
  public ThrottledWarning(Logger logger) {
    this(logger, System::nanoTime);
  }

  /**
   * A warning written to {@code logger}, timed by {@code nanoClock} (for tests).
   *
   * @param logger where the warnings go
   * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
   */
  public ThrottledWarning(Logger logger, LongSupplier nanoClock) {
    this.logger = Objects.requireNonNull(logger, "logger");
    this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * Logs {@code message} unless the budget for this minute is spent.
   *
   * @param message the warning
   */
  public void warn(String message) {
    String line;
    synchronized (this) {
      long now = clock.getAsLong();
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
      line =
          suppressed == 0 ? message : message + " (" + suppressed + " similar warnings suppressed)";
      suppressed = 0;
    }
    logger.warn(line);
  }
}
