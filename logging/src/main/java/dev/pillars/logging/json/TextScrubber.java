package dev.pillars.logging.json;

import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.util.List;

/**
 * Runs the configured {@link LogRedactor}s over a text value and then replaces code units that
 * cannot be encoded. One instance is shared, read-only, by all providers of an encoder.
 */
final class TextScrubber {

  static final String REDACTOR_FAILED = "[redactor-failed]";

  private final LogRedactor[] redactors;

  TextScrubber(List<LogRedactor> redactors) {
    this.redactors = redactors.toArray(new LogRedactor[0]);
  }

  String scrub(String text) {
    String out = text;
    for (LogRedactor redactor : redactors) {
      String redacted;
      try {
        redacted = redactor.redact(out);
      } catch (RuntimeException e) {
        // A broken rule must not leak the raw value, nor lose the event.
        LoggingSelfMetrics.REDACTED.increment();
        return REDACTOR_FAILED;
      }
      if (redacted != out) {
        LoggingSelfMetrics.REDACTED.increment();
        out = redacted == null ? "" : redacted;
      }
    }
    return LoggingSelfMetrics.repairSurrogates(out);
  }
}
