package dev.pillars.logging;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters that this module keeps about itself: events dropped (by {@link
 * DropReason}), lines truncated, characters cleaned, fields renamed, redactions applied, and Loki
 * events whose delivery is unconfirmed or that were sent again.
 *
 * <p>The counters are plain {@link LongAdder}s so that counting costs a few nanoseconds and works
 * before any OpenTelemetry SDK exists; {@link LoggingInstrumentationBinder} publishes them as
 * observable counters once {@code Pillars} starts. Reading them here is meant for tests and
 * health checks:
 *
 * {@code long lost = LoggingSelfMetrics.dropped(DropReason.LOKI_QUEUE_FULL);}
 */
public final class LoggingSelfMetrics {

  private static final Map<DropReason, LongAdder> DROPPED = new EnumMap<>(DropReason.class);
  private static final LongAdder TRUNCATED = new LongAdder();
  private static final LongAdder CLEANED = new LongAdder();
  private static final LongAdder RENAMED = new LongAdder();
  private static final LongAdder REDACTED = new LongAdder();
  private static final LongAdder LOKI_UNCONFIRMED = new LongAdder();
  private static final LongAdder LOKI_RESENT = new LongAdder();

  static {
    for (DropReason reason : DropReason.values()) {
      DROPPED.put(reason, new LongAdder());
    }
  }

  private LoggingSelfMetrics() {}

  /**
   * Events dropped so far for one reason.
   *
   * @param reason the reason
   * @return the count since the class was loaded
   */
  public static long dropped(DropReason reason) {
    return DROPPED.get(reason).sum();
  }

  /**
   * Lines cut to the configured maximum size, each with a truncation marker.
   *
   * @return the count since the class was loaded
   */
  public static long truncatedLines() {
    return TRUNCATED.sum();
  }

  /**
   * Characters replaced because they cannot be encoded (lone or reversed UTF-16 surrogates).
   *
   * @return the count since the class was loaded
   */
  public static long cleanedCharacters() {
    return CLEANED.sum();
  }

  /**
   * MDC or key-value fields written under another name because their name was already taken.
   *
   * @return the count since the class was loaded
   */
  public static long renamedFields() {
    return RENAMED.sum();
  }

  /**
   * Text values in which a redactor replaced something.
   *
   * @return the count since the class was loaded
   */
  public static long redactedValues() {
    return REDACTED.sum();
  }

  /**
   * Events of Loki batches that were given up after a request timed out (or broke after the
   * connection was made): Loki may or may not have stored them, so they are not counted as
   * dropped.
   *
   * @return the count since the class was loaded
   */
  public static long lokiUnconfirmedEvents() {
    return LOKI_UNCONFIRMED.sum();
  }

  /**
   * Events sent to Loki again after a request timed out: delivery is at least once, so Loki may
   * hold these twice.
   *
   * @return the count since the class was loaded
   */
  public static long lokiResentEvents() {
    return LOKI_RESENT.sum();
  }

  static void recordLokiUnconfirmed(long events) {
    LOKI_UNCONFIRMED.add(events);
  }

  static void recordLokiResent(long events) {
    LOKI_RESENT.add(events);
  }

  static void recordDropped(DropReason reason, long count) {
    DROPPED.get(reason).add(count);
  }

  static void recordTruncated() {
    TRUNCATED.increment();
  }

  static void recordCleaned(int characters) {
    CLEANED.add(characters);
  }

  static void recordRenamed() {
    RENAMED.increment();
  }

  static void recordRedacted() {
    REDACTED.increment();
  }
}
