package dev.pillars.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facade's metrics by name: defines each on first use (from its definition, the standard
 * catalog, or the name alone), refuses names that are invalid, taken by another type, whose
 * Prometheus form is another metric's, or past the limit on names, and hands out the series a call
 * by name records into (or a handle that drops and counts).
 */
final class MetricRegistry {

  private final MetricsRuntime runtime;
  private final int maxMetricNames;
  private final Map<String, Metric<?>> byName = new ConcurrentHashMap<>();

  /** Slots of {@link #recent}: a power of two. */
  private static final int RECENT_SLOTS = 256;

  /**
   * Metrics by the hash of their name, each slot set once: a call by name whose metric holds its
   * slot finds it in one array read instead of the map's three dependent reads (map, table, node).
   * A slot is only ever set from null to a metric of {@link #byName}, and metrics are never removed
   * or replaced, so a slot whose metric has the name asked for is never stale; a name whose slot
   * another metric holds takes the map, as every name did before. The array is read and written
   * without a lock: a reader sees null or a whole metric (its fields are final, so publishing it
   * through a plain array slot shows them fully built, JLS 17.5), and two metrics racing for one
   * empty slot each stay correct in the map whichever of them the slot keeps.
   */
  private final Metric<?>[] recent = new Metric<?>[RECENT_SLOTS];

  /** The Prometheus names the metrics of {@link #byName} write; guarded by {@code byName}. */
  private final ExportedNames exported = new ExportedNames();

  MetricRegistry(MetricsRuntime runtime, int maxMetricNames) {
    this.runtime = runtime;
    this.maxMetricNames = maxMetricNames;
  }

  Counter counter(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Counter
        ? (Counter) m
        : new Counter(definition, runtime, refusal(definition, m));
  }

  Histogram histogram(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Histogram
        ? (Histogram) m
        : new Histogram(definition, runtime, refusal(definition, m));
  }

  Gauge gauge(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Gauge ? (Gauge) m : new Gauge(definition, runtime, refusal(definition, m));
  }

  /** Closes every series of every metric; the runtime is marked closed already. */
  void closeAll() {
    for (Metric<?> m : byName.values()) {
      m.closeSeries();
    }
  }

  Optional<MetricDefinition> definition(String name) {
    Metric<?> m = name == null ? null : byName.get(name);
    return m == null ? Optional.empty() : Optional.of(m.definition());
  }

  BoundCounter counterSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.COUNTER);
    return m instanceof Counter
        ? ((Counter) m).forPairs(labels)
        : BoundCounter.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  BoundHistogram histogramSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.HISTOGRAM);
    return m instanceof Histogram
        ? ((Histogram) m).forPairs(labels)
        : BoundHistogram.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  BoundGauge gaugeSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.GAUGE);
    return m instanceof Gauge
        ? ((Gauge) m).forPairs(labels)
        : BoundGauge.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #counterSeries(String, String[])} for 1 label pair, without an array. */
  BoundCounter counterSeries(String name, String k1, String v1) {
    Object m = lookup(name, MetricType.COUNTER);
    return m instanceof Counter
        ? ((Counter) m).forPairs(k1, v1)
        : BoundCounter.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #counterSeries(String, String[])} for 2 label pairs, without an array. */
  BoundCounter counterSeries(String name, String k1, String v1, String k2, String v2) {
    Object m = lookup(name, MetricType.COUNTER);
    return m instanceof Counter
        ? ((Counter) m).forPairs(k1, v1, k2, v2)
        : BoundCounter.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #counterSeries(String, String[])} for 3 label pairs, without an array. */
  BoundCounter counterSeries(
      String name, String k1, String v1, String k2, String v2, String k3, String v3) {
    Object m = lookup(name, MetricType.COUNTER);
    return m instanceof Counter
        ? ((Counter) m).forPairs(k1, v1, k2, v2, k3, v3)
        : BoundCounter.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #histogramSeries(String, String[])} for 1 label pair, without an array. */
  BoundHistogram histogramSeries(String name, String k1, String v1) {
    Object m = lookup(name, MetricType.HISTOGRAM);
    return m instanceof Histogram
        ? ((Histogram) m).forPairs(k1, v1)
        : BoundHistogram.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #histogramSeries(String, String[])} for 2 label pairs, without an array. */
  BoundHistogram histogramSeries(String name, String k1, String v1, String k2, String v2) {
    Object m = lookup(name, MetricType.HISTOGRAM);
    return m instanceof Histogram
        ? ((Histogram) m).forPairs(k1, v1, k2, v2)
        : BoundHistogram.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #histogramSeries(String, String[])} for 3 label pairs, without an array. */
  BoundHistogram histogramSeries(
      String name, String k1, String v1, String k2, String v2, String k3, String v3) {
    Object m = lookup(name, MetricType.HISTOGRAM);
    return m instanceof Histogram
        ? ((Histogram) m).forPairs(k1, v1, k2, v2, k3, v3)
        : BoundHistogram.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #gaugeSeries(String, String[])} for 1 label pair, without an array. */
  BoundGauge gaugeSeries(String name, String k1, String v1) {
    Object m = lookup(name, MetricType.GAUGE);
    return m instanceof Gauge
        ? ((Gauge) m).forPairs(k1, v1)
        : BoundGauge.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #gaugeSeries(String, String[])} for 2 label pairs, without an array. */
  BoundGauge gaugeSeries(String name, String k1, String v1, String k2, String v2) {
    Object m = lookup(name, MetricType.GAUGE);
    return m instanceof Gauge
        ? ((Gauge) m).forPairs(k1, v1, k2, v2)
        : BoundGauge.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /** As {@link #gaugeSeries(String, String[])} for 3 label pairs, without an array. */
  BoundGauge gaugeSeries(
      String name, String k1, String v1, String k2, String v2, String k3, String v3) {
    Object m = lookup(name, MetricType.GAUGE);
    return m instanceof Gauge
        ? ((Gauge) m).forPairs(k1, v1, k2, v2, k3, v3)
        : BoundGauge.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /**
   * The metric called {@code name} if it has type {@code type}, defining it on first use; else the
   * {@link Rejection} that says why not. Only a name not seen yet costs more than one lookup.
   */
  private Object lookup(String name, MetricType type) {
    Metric<?> m = name == null ? null : recent(name);
    if (m == null) {
      m = name == null ? null : byName.get(name);
      if (m == null) {
        if (!MetricDefinition.isValidName(name)) {
          return new Rejection(
              Problem.INVALID_NAME,
              "use 1-255 characters, starting with a letter, then letters, digits, '_', '.', '-'"
                  + " or '/'");
        }
        MetricDefinition known = StandardMetrics.find(name);
        Object defined =
            define(
                known != null ? known : new MetricDefinition(name, type, "", "", null, null, 0),
                known == null);
        if (defined instanceof Rejection) {
          return defined;
        }
        m = (Metric<?>) defined;
      }
      remember(name, m);
    }
    if (m.definition().type() == type) {
      return m;
    }
    return new Rejection(
        Problem.TYPE_CONFLICT,
        "it is a " + lower(m.definition().type()) + ", not a " + lower(type));
  }

  /** The metric called {@code name} if it holds its slot of {@link #recent}, else null. */
  private Metric<?> recent(String name) {
    Metric<?> m = recent[slot(name)];
    if (m == null) {
      return null;
    }
    String held = m.definition().name();
    return held == name || held.equals(name) ? m : null;
  }

  /** Gives {@code m}, the metric called {@code name}, its slot of {@link #recent} if still free. */
  private void remember(String name, Metric<?> m) {
    int slot = slot(name);
    if (recent[slot] == null) {
      recent[slot] = m;
    }
  }

  /** The slot of {@link #recent} that {@code name} may hold. */
  static int slot(String name) {
    int h = name.hashCode();
    return (h ^ (h >>> 16)) & (RECENT_SLOTS - 1);
  }

  /**
   * The metric of {@code definition}'s name: the existing one, or one created from it; or the
   * {@link Rejection} that keeps it from being created (its Prometheus name is taken or reserved,
   * or there are too many metric names already).
   *
   * @param bare true for a definition made from a name alone: its label names are fixed by its
   *     first use
   */
  private Object define(MetricDefinition definition, boolean bare) {
    Objects.requireNonNull(definition, "definition");
    Metric<?> existing = byName.get(definition.name());
    if (existing == null) {
      synchronized (byName) {
        existing = byName.get(definition.name());
        if (existing == null) {
          Rejection refused = admit(definition);
          if (refused != null) {
            return refused;
          }
          Metric<?> created = create(definition, bare);
          byName.put(definition.name(), created);
          exported.claim(definition);
          return created;
        }
      }
    }
    MetricDefinition current = existing.definition();
    if (current.type() == definition.type() && !current.equals(definition) && !isBare(definition)) {
      runtime.warnOnly(
          Problem.TYPE_CONFLICT,
          definition.name(),
          "defined again differently; keeping the first definition " + current);
    }
    return existing;
  }

  /** Why a new metric of {@code definition} may not be created, or null when it may. */
  private Rejection admit(MetricDefinition definition) {
    String conflict = exported.conflict(definition);
    if (conflict != null) {
      return new Rejection(Problem.NAME_CONFLICT, conflict);
    }
    if (byName.size() >= maxMetricNames) {
      return new Rejection(
          Problem.TOO_MANY_METRICS,
          "there are "
              + maxMetricNames
              + " metric names already, the limit; put varying parts"
              + " in labels, or raise the limit (pillars.metrics.name.limit,"
              + " Pillars.Builder.metricNameLimit)");
    }
    return null;
  }

  private static boolean isBare(MetricDefinition d) {
    return d.description().isEmpty()
        && d.unit().isEmpty()
        && d.labelNames().isEmpty()
        && d.optionalLabelNames().isEmpty()
        && d.buckets().isEmpty()
        && d.cardinalityLimit() == 0;
  }

  private Metric<?> create(MetricDefinition definition, boolean bare) {
    int limit =
        definition.cardinalityLimit() > 0
            ? definition.cardinalityLimit()
            : runtime.defaultCardinalityLimit;
    switch (definition.type()) {
      case COUNTER:
        return new Counter(definition, runtime, limit, bare);
      case HISTOGRAM:
        return new Histogram(definition, runtime, limit, bare);
      default:
        return new Gauge(definition, runtime, limit, bare);
    }
  }

  private static String lower(MetricType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Why {@code definition} got no metric of its own ({@code outcome} is a {@link Rejection}, or the
   * metric of another type that holds the name); warned about, not counted: the measurements are
   * counted as they are dropped.
   */
  private Rejection refusal(MetricDefinition definition, Object outcome) {
    Rejection r =
        outcome instanceof Rejection
            ? (Rejection) outcome
            : new Rejection(
                Problem.TYPE_CONFLICT,
                "the name is used by a " + lower(((Metric<?>) outcome).definition().type()));
    runtime.warnOnly(r.problem(), definition.name(), r.detail());
    return r;
  }
}
