package dev.pillars.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The series of one metric, bounded by its cardinality limit.
 *
 * <p>A series is identified by its cleaned {@link Attributes}. Two lookup tables map the raw
 * strings callers pass (label values in declared order, or key/value pairs) to the series, so the
 * hot path neither cleans nor allocates. Once the limit is reached, new label sets go to one
 * overflow series labelled {@code otel.metric.overflow="true"} (as the OpenTelemetry SDK names
 * its own), so sums stay exact, and the overflow is counted and warned about. Raw strings that
 * land in the overflow series, or that had to be repaired, are not cached, so a flood of distinct
 * values cannot grow memory.
 */
final class SeriesRegistry<S> {

  static final AttributeKey<Boolean> OVERFLOW = AttributeKey.booleanKey("otel.metric.overflow");
  private static final Attributes OVERFLOW_ATTRIBUTES = Attributes.of(OVERFLOW, true);

  private final String metricName;
  private final List<String> labelNames;
  private final int limit;
  private final MetricsRuntime runtime;
  private final Function<Attributes, S> factory;
  private final ConcurrentHashMap<Attributes, S> series = new ConcurrentHashMap<>();
  private final LabelTable<S> byValues;
  private final LabelTable<S> byPairs;
  private volatile S overflow;
  private volatile S unlabelled;

  SeriesRegistry(
      String metricName,
      List<String> labelNames,
      int limit,
      MetricsRuntime runtime,
      Function<Attributes, S> factory) {
    this.metricName = metricName;
    this.labelNames = labelNames;
    this.limit = limit;
    this.runtime = runtime;
    this.factory = factory;
    // Raw spellings of one series (label order, say) are few; past four per series, stop caching.
    this.byValues = new LabelTable<>(4 * limit + 4);
    this.byPairs = new LabelTable<>(4 * limit + 4);
  }

  /**
   * The series for label values given in the declared order, or null when they cannot be used
   * (the problem is already counted).
   */
  S forValues(String[] values) {
    if (values == null) {
      runtime.reject(Problem.INVALID_LABELS, metricName, "the label values array is null");
      return null;
    }
    S hit = byValues.find(values);
    if (hit != null) {
      return hit;
    }
    if (values.length != labelNames.size()) {
      runtime.reject(
          Problem.INVALID_LABELS,
          metricName,
          "expected " + labelNames.size() + " label values " + labelNames + ", got " + values.length);
      return null;
    }
    AttributesBuilder builder = Attributes.builder();
    boolean cacheable = true;
    for (int i = 0; i < values.length; i++) {
      String clean = runtime.cleanLabelValue(metricName, values[i]);
      cacheable &= clean == values[i];
      builder.put(labelNames.get(i), clean);
    }
    return resolve(builder.build(), values, cacheable, byValues);
  }

  /**
   * The series for alternating label names and values, or null when they cannot be used (the
   * problem is already counted).
   */
  S forPairs(String[] pairs) {
    if (pairs == null) {
      runtime.reject(Problem.INVALID_LABELS, metricName, "the labels array is null");
      return null;
    }
    if (pairs.length == 0) {
      return unlabelled();
    }
    S hit = byPairs.find(pairs);
    if (hit != null) {
      return hit;
    }
    if ((pairs.length & 1) != 0) {
      runtime.reject(
          Problem.INVALID_LABELS,
          metricName,
          "labels must be name/value pairs, got an odd count (" + pairs.length + ")");
      return null;
    }
    AttributesBuilder builder = Attributes.builder();
    boolean cacheable = true;
    for (int i = 0; i < pairs.length; i += 2) {
      String key = pairs[i];
      if (key == null || key.isBlank()) {
        runtime.reject(Problem.INVALID_LABELS, metricName, "a label name is null or blank");
        return null;
      }
      String clean = runtime.cleanLabelValue(metricName, pairs[i + 1]);
      cacheable &= clean == pairs[i + 1];
      builder.put(key, clean);
    }
    return resolve(builder.build(), pairs, cacheable, byPairs);
  }

  /** The series without labels. */
  S unlabelled() {
    S s = unlabelled;
    if (s == null) {
      s = resolve(Attributes.empty(), new String[0], true, byPairs);
      unlabelled = s;
    }
    return s;
  }

  /** Every live series, the overflow series included once it exists. */
  Collection<S> all() {
    return series.values();
  }

  private S resolve(Attributes attributes, String[] raw, boolean cacheable, LabelTable<S> cache) {
    S existing = series.get(attributes);
    if (existing == null) {
      synchronized (this) {
        existing = series.get(attributes);
        if (existing == null) {
          if (series.size() - (overflow == null ? 0 : 1) >= limit) {
            runtime.overflowed(metricName, limit);
            return overflowSeries();
          }
          existing = factory.apply(attributes);
          series.put(attributes, existing);
        }
      }
    }
    if (cacheable) {
      cache.put(raw, existing);
    }
    return existing;
  }

  private S overflowSeries() {
    S s = overflow;
    if (s == null) {
      s = factory.apply(OVERFLOW_ATTRIBUTES);
      series.put(OVERFLOW_ATTRIBUTES, s);
      overflow = s;
    }
    return s;
  }
}
