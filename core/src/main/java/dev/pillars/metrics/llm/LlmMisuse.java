package dev.pillars.metrics.llm;

import dev.pillars.kit.ThrottledWarning;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.SelfMetricDefinitions;
import dev.pillars.metrics.Metrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

  /** {@code pillars_llm_misuse_total{reason}}. */
  static final MetricDefinition MISUSE = SelfMetricDefinitions.LLM_MISUSE;

  private static final Logger LOGGER = LoggerFactory.getLogger(LlmMetrics.class);

  private final Map<Reason, ThrottledWarning> warnings = new EnumMap<>(Reason.class);
  private final Map<Reason, BoundCounter> counts = new EnumMap<>(Reason.class);

  LlmMisuse(Metrics metrics) {
    Counter counter = metrics.counter(MISUSE);
    for (Reason r : Reason.values()) {
      warnings.put(r, new ThrottledWarning(LOGGER));
      counts.put(r, counter.labels(r.label));
    }
  }

  void report(Reason reason, String detail) {
    counts.get(reason).increment();
    warnings.get(reason).warn("Pillars LLM: " + reason.label + ": " + detail);
  }

  /** A name fit for a log line: bounded, on one line. */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replace('\n', ' ').replace('\r', ' ');
  }
}
