package dev.pillars.logging.internal;

import dev.pillars.kit.ReasonCounter;
import dev.pillars.kit.SelfCounter;
import dev.pillars.kit.Text;
import io.opentelemetry.api.metrics.Meter;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Process-wide counters that this module keeps about itself: events dropped (by {@link
 * DropReason}), lines truncated, characters cleaned, fields renamed, redactions applied, and Loki
 * events whose delivery is unconfirmed or that were sent again. They are the kit's {@link
 * ReasonCounter} and {@link SelfCounter}: a {@code LongAdder} each, so counting costs a few
 * nanoseconds and works before any OpenTelemetry SDK exists; {@link LoggingInstrumentationBinder}
 * publishes them as observable counters once {@code Pillars} starts. They count without warning:
 * this module reports its own trouble through Logback's status messages, never by logging (which
 * could loop back into it). Reading them here is meant for tests:
 *
 * <p>{@code long lost = LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_QUEUE_FULL);}
 */
public final class LoggingSelfMetrics {

  /** Log events that did not reach their destination, by {@link DropReason}. */
  public static final ReasonCounter<DropReason> DROPPED =
      ReasonCounter.builder("pillars.logging.dropped", DropReason.class, DropReason::label)
          .description("Log events that did not reach their destination, by reason.")
          .unit("{event}")
          .reportZeros()
          .build();

  /** Lines cut to the configured maximum size, each with a truncation marker. */
  public static final SelfCounter TRUNCATED =
      new SelfCounter(
          "pillars.logging.truncated",
          "Log lines cut to the maximum line size, with a truncation marker.",
          "{line}");

  /** Characters replaced because they cannot be encoded (lone or reversed UTF-16 surrogates). */
  public static final SelfCounter CLEANED =
      new SelfCounter(
          "pillars.logging.cleaned_characters",
          "Characters replaced by U+FFFD because they cannot be encoded.",
          "{character}");

  /** MDC or key-value fields written under another name because their name was already taken. */
  public static final SelfCounter RENAMED =
      new SelfCounter(
          "pillars.logging.renamed_fields",
          "MDC or key-value fields renamed because their name was taken.",
          "{field}");

  /** Text values in which a redactor replaced something. */
  public static final SelfCounter REDACTED =
      new SelfCounter(
          "pillars.logging.redacted",
          "Text values in which a redactor replaced sensitive content.",
          "{value}");

  /**
   * Events of Loki batches given up after a request timed out (or broke after the connection was
   * made): Loki may or may not have stored them, so they are not counted as dropped.
   */
  public static final SelfCounter LOKI_UNCONFIRMED =
      new SelfCounter(
          "pillars.logging.loki.unconfirmed",
          "Loki events given up after a request timed out: Loki may have stored them.",
          "{event}");

  /** Events sent to Loki again after a request timed out: Loki may hold these twice. */
  public static final SelfCounter LOKI_RESENT =
      new SelfCounter(
          "pillars.logging.loki.resent",
          "Loki events sent again after a request timed out: may be stored twice.",
          "{event}");

  private LoggingSelfMetrics() {}

  /**
   * The text with lone and reversed surrogates replaced by U+FFFD ({@link
   * Text#repairSurrogates(String)}), counting the replaced characters in {@link #CLEANED}.
   *
   * @param text the text
   * @return {@code text} itself when it holds none
   */
  public static String repairSurrogates(String text) {
    String repaired = Text.repairSurrogates(text);
    if (repaired != text) {
      CLEANED.add(Text.loneSurrogateCount(text));
    }
    return repaired;
  }

  /** Publishes every counter on {@code meter}; once per meter. */
  static void bindTo(Meter meter) {
    DROPPED.bindTo(meter);
    TRUNCATED.bindTo(meter);
    CLEANED.bindTo(meter);
    RENAMED.bindTo(meter);
    REDACTED.bindTo(meter);
    LOKI_UNCONFIRMED.bindTo(meter);
    LOKI_RESENT.bindTo(meter);
  }
}
