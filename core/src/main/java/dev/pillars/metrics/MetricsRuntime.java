package dev.pillars.metrics;

import dev.pillars.kit.ReasonCounter;
import dev.pillars.kit.Text;
import dev.pillars.kit.ThrottledWarning;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State shared by every metric of one {@link Metrics}: the meter, the limits, the closed flag and
 * the self-metrics that count what bad input cost.
 */
final class MetricsRuntime {

  private static final Logger LOGGER = LoggerFactory.getLogger("dev.pillars.metrics.Metrics");
  private static final AttributeKey<String> METRIC = AttributeKey.stringKey("metric");

  final Meter meter;
  final int defaultCardinalityLimit;
  final int maxLabelValueLength;
  private volatile boolean closed;

  private final ReasonCounter<Problem> dropped;
  private final ReasonCounter<Problem> repaired;
  private final LongCounter overflow;
  private final ThrottledWarning overflowWarning;
  private final Set<String> overflowedOnce = ConcurrentHashMap.newKeySet();
  private final Map<String, Attributes> overflowAttributes = new ConcurrentHashMap<>();

  MetricsRuntime(
      Meter meter, int defaultCardinalityLimit, int maxLabelValueLength, LongSupplier clock) {
    this.meter = meter;
    this.defaultCardinalityLimit = defaultCardinalityLimit;
    this.maxLabelValueLength = maxLabelValueLength;
    this.dropped =
        ReasonCounter.builder("pillars.metrics.dropped", Problem.class, Problem::label)
            // Same text as dev.pillars.LintCleanSnapshots.DROPPED_HELP: the SDK then shares one
            // stream between the facade and the exposition's exporter_dropped counts.
            .description("Measurements dropped because of bad input, by reason")
            .logger(LOGGER)
            .clock(clock)
            .countInto(meter)
            .build();
    this.repaired =
        ReasonCounter.builder("pillars.metrics.repaired", Problem.class, Problem::label)
            .description("Label values repaired before recording, by reason")
            .logger(LOGGER)
            .clock(clock)
            .countInto(meter)
            .build();
    this.overflow =
        meter
            .counterBuilder("pillars.metrics.overflow")
            .setDescription(
                "Measurements folded into the overflow series because a metric reached its"
                    + " cardinality limit, by metric")
            .build();
    this.overflowWarning = new ThrottledWarning(LOGGER, clock);
  }

  /** Why a measurement after {@code close()} is dropped. */
  static final Rejection AFTER_CLOSE = new Rejection(Problem.AFTER_CLOSE, "recorded after close()");

  /**
   * Marks metrics closed. The facade then closes every live series; a series made afterwards is
   * closed by its registry, which checks {@link #isClosed()} after publishing it.
   */
  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  /** Counts and (throttled) warns about a problem with a measurement of {@code metric}. */
  void reject(Problem problem, String metric, String detail) {
    (problem.dropped() ? dropped : repaired)
        .report(
            problem,
            "Pillars metrics: "
                + (problem.dropped() ? "dropped a measurement" : "repaired a label value")
                + " of '"
                + Text.printable(metric)
                + "' ("
                + problem.label()
                + "): "
                + detail);
  }

  /**
   * Warns (throttled, under {@code problem}'s budget) about something that drops no measurement by
   * itself, such as a definition refused or ignored: its measurements are counted when made.
   */
  void warnOnly(Problem problem, String metric, String detail) {
    (problem.dropped() ? dropped : repaired)
        .warn(
            problem,
            "Pillars metrics: '"
                + Text.printable(metric)
                + "' ("
                + problem.label()
                + "): "
                + detail);
  }

  /** Counts a measurement refused a new series; the first one per metric is always logged. */
  void overflowed(String metric, int limit) {
    overflow.add(1, overflowAttributes.computeIfAbsent(metric, m -> Attributes.of(METRIC, m)));
    String message =
        "Pillars metrics: '"
            + metric
            + "' reached its cardinality limit of "
            + limit
            + " series; new label sets go to the otel_metric_overflow=\"true\" series."
            + " Remove unbounded labels (ids, queries, raw paths) or raise the limit.";
    if (overflowedOnce.add(metric)) {
      LOGGER.warn(message);
    } else {
      overflowWarning.warn(message);
    }
  }

  /**
   * A label value that is safe to record: null becomes "", lone surrogates become U+FFFD, and a
   * value over the length limit is cut (never inside a surrogate pair). Returns the same instance
   * when nothing had to change.
   */
  String cleanLabelValue(String metric, String value) {
    if (value == null) {
      reject(Problem.NULL_LABEL_VALUE, metric, "a label value is null; recorded as \"\"");
      return "";
    }
    String result = value;
    if (result.length() > maxLabelValueLength) {
      result = Text.cut(result, maxLabelValueLength);
      reject(
          Problem.LABEL_VALUE_TOO_LONG,
          metric,
          "a label value of " + value.length() + " chars was cut to " + result.length());
    }
    int bad = Text.firstLoneSurrogate(result);
    if (bad >= 0) {
      reject(Problem.INVALID_UTF16, metric, "a label value holds a lone surrogate at index " + bad);
      result = Text.repairSurrogates(result);
    }
    return result;
  }
}
