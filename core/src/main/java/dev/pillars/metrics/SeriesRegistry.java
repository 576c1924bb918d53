package dev.pillars.metrics;

import dev.pillars.kit.Text;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The series of one metric, bounded by its cardinality limit.
 *
 * <p>A series is identified by its cleaned {@link Attributes}. Two lookup tables map the raw
 * strings callers pass (label values in declared order, or key/value pairs) to the series, so the
 * hot path neither cleans nor allocates. Once the limit is reached, new label sets go to one
 * overflow series labelled {@code otel.metric.overflow="true"} (as the OpenTelemetry SDK names its
 * own), so sums stay exact, and the overflow is counted and warned about. Raw strings that land in
 * the overflow series, or that had to be repaired, are not cached, so a flood of distinct values
 * cannot grow memory.
 */
final class SeriesRegistry<S> {

  static final AttributeKey<Boolean> OVERFLOW = AttributeKey.booleanKey("otel.metric.overflow");
  private static final Attributes OVERFLOW_ATTRIBUTES = Attributes.of(OVERFLOW, true);
  private static final String[] NO_LABELS = new String[0];

  private final String metricName;
  private final List<String> labelNames;

  /** The declared label names followed by the optional ones: a full positional label set. */
  private final List<String> allLabelNames;

  private final Set<String> required;
  private final Set<String> optional;
  private final boolean fixedAtFirstUse;
  private final int limit;
  private final MetricsRuntime runtime;
  private final Function<Attributes, S> factory;
  private final Function<Rejection, S> rejecting;
  private final Consumer<S> closer;
  private final ConcurrentHashMap<Attributes, S> series = new ConcurrentHashMap<>();
  private final LabelTable<S> byValues;
  private final LabelTable<S> byPairs;
  private volatile Set<String> firstUseKeys;
  private volatile S overflow;
  private volatile S unlabelled;

  /**
   * @param definition the metric's names: label names (positional for {@code labels(..)}) and
   *     optional label names
   * @param fixedAtFirstUse true for a metric made from a bare name: its label names are those of
   *     its first use, not the (empty) declared ones
   * @param closer makes a series drop (and count) every later measurement, after {@code close()}
   */
  SeriesRegistry(
      MetricDefinition definition,
      boolean fixedAtFirstUse,
      int limit,
      MetricsRuntime runtime,
      Function<Attributes, S> factory,
      Function<Rejection, S> rejecting,
      Consumer<S> closer) {
    this.metricName = definition.name();
    this.labelNames = definition.labelNames();
    List<String> all = new ArrayList<>(definition.labelNames());
    all.addAll(definition.optionalLabelNames());
    this.allLabelNames = List.copyOf(all);
    this.required = Set.copyOf(definition.labelNames());
    this.optional = Set.copyOf(definition.optionalLabelNames());
    this.fixedAtFirstUse = fixedAtFirstUse;
    this.limit = limit;
    this.runtime = runtime;
    this.factory = factory;
    this.rejecting = rejecting;
    this.closer = closer;
    // Raw spellings of one series (label order, say) are few; past four per series, stop caching.
    this.byValues = new LabelTable<>(4 * limit + 4);
    this.byPairs = new LabelTable<>(4 * limit + 4);
  }

  /** The series for label values given in the declared order, or a rejecting handle. */
  S forValues(String[] values) {
    if (values == null) {
      return rejected("the label values array is null");
    }
    S hit = byValues.find(values);
    if (hit != null) {
      return hit;
    }
    // Positional values name either the declared labels or the declared and optional ones.
    List<String> names = values.length == labelNames.size() ? labelNames : allLabelNames;
    if (values.length != names.size()) {
      return rejected(
          "expected "
              + labelNames.size()
              + " label values "
              + labelNames
              + (allLabelNames.size() > labelNames.size()
                  ? " or " + allLabelNames.size() + " " + allLabelNames
                  : "")
              + ", got "
              + values.length);
    }
    if (values.length == 0) {
      return unlabelled();
    }
    String problem = schemaProblem(names);
    if (problem != null) {
      return rejected(problem);
    }
    AttributesBuilder builder = Attributes.builder();
    boolean cacheable = true;
    for (int i = 0; i < values.length; i++) {
      String clean = runtime.cleanLabelValue(metricName, values[i]);
      cacheable &= clean == values[i];
      builder.put(names.get(i), clean);
    }
    return resolve(builder.build(), values, cacheable, byValues);
  }

  /** The series for alternating label names and values, or a rejecting handle. */
  S forPairs(String[] pairs) {
    if (pairs == null) {
      return rejected("the labels array is null");
    }
    if (pairs.length == 0) {
      return unlabelled();
    }
    S hit = byPairs.find(pairs);
    if (hit != null) {
      return hit;
    }
    if ((pairs.length & 1) != 0) {
      return rejected("labels must be name/value pairs, got an odd count (" + pairs.length + ")");
    }
    if (pairs.length / 2 > Limits.MAX_LABEL_NAMES) {
      return rejected((pairs.length / 2) + " label names, more than " + Limits.MAX_LABEL_NAMES);
    }
    List<String> keys = new ArrayList<>(pairs.length / 2);
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == null) {
        return rejected("a label name is null");
      }
      keys.add(pairs[i]);
    }
    if (new HashSet<>(keys).size() != keys.size()) {
      return rejected("a label name is given twice in " + printable(keys));
    }
    String problem = schemaProblem(keys);
    if (problem != null) {
      return rejected(problem);
    }
    AttributesBuilder builder = Attributes.builder();
    boolean cacheable = true;
    for (int i = 0; i < pairs.length; i += 2) {
      String clean = runtime.cleanLabelValue(metricName, pairs[i + 1]);
      cacheable &= clean == pairs[i + 1];
      builder.put(pairs[i], clean);
    }
    return resolve(builder.build(), pairs, cacheable, byPairs);
  }

  /**
   * As {@link #forPairs(String[])} for one name/value pair; a known series is found without an
   * array, anything else takes the array path, so every outcome is the array form's.
   */
  S forPairs(String k1, String v1) {
    S hit = byPairs.find(k1, v1);
    return hit != null ? hit : forPairs(new String[] {k1, v1});
  }

  /** As {@link #forPairs(String, String)} for two pairs. */
  S forPairs(String k1, String v1, String k2, String v2) {
    S hit = byPairs.find(k1, v1, k2, v2);
    return hit != null ? hit : forPairs(new String[] {k1, v1, k2, v2});
  }

  /** As {@link #forPairs(String, String)} for three pairs. */
  S forPairs(String k1, String v1, String k2, String v2, String k3, String v3) {
    S hit = byPairs.find(k1, v1, k2, v2, k3, v3);
    return hit != null ? hit : forPairs(new String[] {k1, v1, k2, v2, k3, v3});
  }

  /** The series without labels, or a rejecting handle when this metric takes labels. */
  S unlabelled() {
    S s = unlabelled;
    if (s == null) {
      String problem = schemaProblem(List.of());
      s =
          problem == null
              ? resolve(Attributes.empty(), NO_LABELS, true, byPairs)
              : rejected(problem);
      unlabelled = s;
    }
    return s;
  }

  /** Closes every live series; one made later is closed as it is published. */
  void closeAll() {
    for (S s : series.values()) {
      closer.accept(s);
    }
  }

  /** Every live series, the overflow series included once it exists. */
  Collection<S> all() {
    return series.values();
  }

  /** Why label names {@code keys} (distinct) do not fit this metric, or null when they do. */
  private String schemaProblem(List<String> keys) {
    if (!fixedAtFirstUse) {
      for (String key : keys) {
        if (!required.contains(key) && !optional.contains(key)) {
          return "label name '"
              + Text.printable(key)
              + "' is not one of this metric's "
              + describeSchema();
        }
      }
      if (!keys.containsAll(required)) {
        return "label names " + printable(keys) + " miss some of this metric's " + describeSchema();
      }
      return null;
    }
    Set<String> fixed = firstUseKeys;
    if (fixed == null) {
      synchronized (this) {
        fixed = firstUseKeys;
        if (fixed == null) {
          String problem = LabelNames.problem(keys);
          if (problem != null) {
            return problem;
          }
          firstUseKeys = Set.copyOf(keys);
          return null;
        }
      }
    }
    if (fixed.size() == keys.size() && fixed.containsAll(keys)) {
      return null;
    }
    return "label names "
        + printable(keys)
        + " differ from those of this metric's first use "
        + fixed;
  }

  private String describeSchema() {
    return optional.isEmpty()
        ? "declared " + labelNames
        : "declared " + labelNames + " (optional " + optional + ")";
  }

  private static String printable(List<String> keys) {
    List<String> out = new ArrayList<>(Math.min(keys.size(), 8));
    for (int i = 0; i < keys.size() && i < 8; i++) {
      out.add(Text.printable(keys.get(i)));
    }
    return keys.size() > 8 ? out + "..." : out.toString();
  }

  private S rejected(String detail) {
    return rejecting.apply(new Rejection(Problem.INVALID_LABELS, detail));
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
          closeIfLate(existing);
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
      closeIfLate(s);
      overflow = s;
    }
    return s;
  }

  /**
   * Closes a series published after {@code close()} began: close() marks the runtime closed before
   * it walks the series, so a series it missed sees the mark here.
   */
  private void closeIfLate(S s) {
    if (runtime.isClosed()) {
      closer.accept(s);
    }
  }
}
