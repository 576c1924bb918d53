package dev.pillars.tracing;

import dev.pillars.kit.ThrottledWarning;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.SelfMetricDefinitions;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

  static final MetricDefinition MISUSE = SelfMetricDefinitions.TRACING_MISUSE;

  private static final Logger LOGGER = LoggerFactory.getLogger(PipelineTracing.class);

  private final Map<Reason, ThrottledWarning> warnings = new EnumMap<>(Reason.class);
  private final Map<Reason, BoundCounter> counts = new EnumMap<>(Reason.class);

  Misuse(Metrics metrics) {
    Counter counter = metrics.counter(MISUSE);
    for (Reason r : Reason.values()) {
      warnings.put(r, new ThrottledWarning(LOGGER));
      counts.put(r, counter.labels(r.label));
    }
  }

  void report(Reason reason, String detail) {
    counts.get(reason).increment();
    warnings.get(reason).warn("Pillars tracing: " + reason.label + ": " + detail);
  }

  /** A name or value fit for a log line: bounded, on one line. */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return cut.replace('\n', ' ').replace('\r', ' ');
  }
}
