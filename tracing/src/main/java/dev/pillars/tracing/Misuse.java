package dev.pillars.tracing;

import dev.pillars.kit.ReasonCounter;
import dev.pillars.metrics.Metrics;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where API misuse goes instead of an exception: a throttled warning per kind of problem and a
 * count in {@code pillars_tracing_misuse_total{reason}}.
 */
final class Misuse {

  /** What went wrong; the lower-case name is the {@code reason} label. */
  enum Reason {
    INVALID_NAME,
    INVALID_ATTRIBUTE,
    NULL_BODY,
    ATTRIBUTE_TRUNCATED,
    CLOSED_TWICE,
    CLOSED_OUT_OF_ORDER,
    CLOSED_ON_OTHER_THREAD,
    USED_AFTER_CLOSE,
    TOO_MANY_NAMES;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  /** {@code pillars_tracing_misuse_total{reason}} as the SDK names it. */
  static final String NAME = "pillars.tracing.misuse";

  private static final Logger LOGGER = LoggerFactory.getLogger(PipelineTracing.class);

  private final ReasonCounter<Reason> counts;

  Misuse(Metrics metrics) {
    this.counts =
        ReasonCounter.builder(NAME, Reason.class, r -> r.label)
            .description("Calls of the tracing API that were repaired or ignored, by reason")
            .logger(LOGGER)
            .ofDoubles()
            .countInto(metrics.meter())
            .build();
  }

  void report(Reason reason, String detail) {
    counts.report(reason, "Pillars tracing: " + reason.label + ": " + detail);
  }
}
