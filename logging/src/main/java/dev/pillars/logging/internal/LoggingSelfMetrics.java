package dev.pillars.logging.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Process-wide counters that this module keeps about itself: events dropped (by {@link
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

  /**
   * Counts events of a Loki batch given up after a timeout.
   *
   * @param events the events of the batch
   */
  public static void recordLokiUnconfirmed(long events) {
    LOKI_UNCONFIRMED.add(events);
  }

  /**
   * Counts events of a Loki batch sent again after a timeout.
   *
   * @param events the events of the batch
   */
  public static void recordLokiResent(long events) {
    LOKI_RESENT.add(events);
  }

  /**
   * Counts events dropped for one reason.
   *
   * @param reason the reason
   * @param count the events
   */
  public static void recordDropped(DropReason reason, long count) {
    DROPPED.get(reason).add(count);
  }

  /**
   * Counts a line cut to the maximum size.
   */
  public static void recordTruncated() {
    TRUNCATED.increment();
  }

  /**
   * Counts characters replaced by U+FFFD.
   *
   * @param characters how many
   */
  public static void recordCleaned(int characters) {
    CLEANED.add(characters);
  }

  /**
   * Counts a field written under another name.
   */
  public static void recordRenamed() {
    RENAMED.increment();
  }

  /**
   * Counts a value in which a redactor replaced something.
   */
  public static void recordRedacted() {
    REDACTED.increment();
  }
}
