package dev.pillars.metrics.llm;

import dev.pillars.kit.ReasonCounter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where bad input to the LLM recorder goes instead of an exception: a count in {@code
 * pillars_llm_misuse_total{reason}} and a throttled warning per reason.
 */
final class LlmMisuse {

  /** What went wrong; the lower-case name is the {@code reason} label. */
  enum Reason {
    /** A null or blank provider, model or operation; recorded as {@code _unknown} / chat. */
    INVALID_NAME,
    /** A negative token count (other than -1, unknown); recorded as unknown. */
    NEGATIVE_TOKENS,
    /** A token count above {@link LlmCall#MAX_TOKENS}; recorded as unknown. */
    ABSURD_TOKENS,
    /** Cache tokens above the input, or reasoning above the output; the total is raised. */
    INCONSISTENT_TOKENS,
    /** {@code firstChunk()} after the first chunk was marked; ignored. */
    FIRST_CHUNK_TWICE,
    /** A chunk marked after the call ended; ignored. */
    CHUNK_AFTER_END,
    /** Usage, a model or content given after the call ended; ignored. */
    USED_AFTER_END,
    /** {@code end()}, {@code fail()} or {@code cancel()} after the call ended; ignored. */
    ENDED_TWICE,
    /** {@code close()} twice; ignored. */
    CLOSED_TWICE,
    /** {@code fail(null)}; recorded with {@code error.type=_OTHER}. */
    NULL_ERROR,
    /** A null body given to {@code async(..)} or {@code monitorQuery(..)}. */
    NULL_BODY,
    /** More distinct error types than a model keeps; recorded as {@code _OTHER}. */
    TOO_MANY_ERROR_TYPES,
    /** More models (or query operations) than are cached; recorded, but not cached. */
    TOO_MANY_NAMES;

    final String label = name().toLowerCase(Locale.ROOT);
  }

  private static final String DESCRIPTION =
      "Bad input to the LLM recorder that was repaired or ignored, by reason";

  /**
   * {@code pillars_llm_misuse_total{reason}}, described for {@link LlmMetrics#definitions()};
   * counted by the kit's {@link ReasonCounter}, not through the facade.
   */
  static final MetricDefinition MISUSE =
      MetricDefinition.counter("pillars.llm.misuse")
          .description(DESCRIPTION)
          .labelNames("reason")
          .build();

  private static final Logger LOGGER =
      LoggerFactory.getLogger("dev.pillars.metrics.llm.LlmMetrics");

  private final ReasonCounter<Reason> counts;

  LlmMisuse(Metrics metrics) {
    this.counts =
        ReasonCounter.builder(MISUSE.name(), Reason.class, r -> r.label)
            .description(DESCRIPTION)
            .logger(LOGGER)
            .ofDoubles()
            .countInto(metrics.meter())
            .build();
  }

  void report(Reason reason, String detail) {
    counts.report(reason, "Pillars LLM: " + reason.label + ": " + detail);
  }
}
