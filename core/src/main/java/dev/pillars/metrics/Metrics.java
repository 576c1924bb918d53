package dev.pillars.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics facade: the seeds' {@code MetricsCollector} in Java idiom, over OpenTelemetry meters.
 * Get it from {@code Pillars.metrics()}, or build one over any {@link OpenTelemetry} with {@link
 * #builder(OpenTelemetry)}.
 *
 * <pre>{@code
 * Metrics metrics = pillars.metrics();
 * metrics.incrementCounter("request_count", "endpoint", "/query", "method", "POST", "status", "200");
 * metrics.recordHistogram("request_duration", 0.5, "endpoint", "/query", "method", "POST");
 * metrics.setGauge("cache_size", 100 * 1024 * 1024, "cache_name", "embeddings");
 * try (TimingScope t = metrics.trackDuration("database_query_duration",
 *     "operation", "select", "table", "users")) {
 *   rows = db.query(sql);
 * }
 * }</pre>
 *
 * <p>Labels are given as alternating names and values. A name seen for the first time is defined
 * from {@link StandardMetrics} when the catalog has it, else as a bare metric of the type first
 * used; define your own with {@link #counter(MetricDefinition)} and friends to give them help
 * text, units and buckets. For hot paths, keep the {@link BoundCounter}, {@link BoundHistogram} or
 * {@link BoundGauge} that {@code labels(..)} returns: it records without allocating.
 *
 * <p><b>Recording never throws.</b> Bad names, odd label arguments, NaN, infinities, negative
 * counter increments, a name already used by another type, and calls after {@link #close()} drop
 * the measurement; null, over-long or malformed (lone surrogate) label values are repaired. Each
 * dropped measurement is counted once in {@code pillars_metrics_dropped_total} by its {@code
 * reason} (repairs in {@code pillars_metrics_repaired_total}) and warned about at most a few
 * times a minute; making a handle from bad input counts nothing, recording through it does.
 *
 * <p><b>A metric is its Prometheus name.</b> A name whose Prometheus form is another metric's
 * ({@code request.count} beside {@code request_count}, {@code x_count} beside histogram {@code
 * x}), {@code target_info}'s or in {@code pillars_*} is refused ({@code name_conflict}),
 * as is a new name past the limit on distinct names ({@link Builder#metricNameLimit}, {@code
 * too_many_metrics}). <b>Label names are a schema</b>: a defined or catalog metric takes exactly
 * its declared names (see {@link MetricDefinition}), a metric made from a bare name those of its
 * first use; others are refused ({@code invalid_labels}). These checks run when a name or label
 * set is first seen, never on a recording that hits a known series.
 *
 * <p>Every metric keeps at most its cardinality limit of series; further label sets are folded
 * into one series labelled {@code otel_metric_overflow="true"} and counted in {@code
 * pillars_metrics_overflow_total{metric=..}}.
 */
public final class Metrics implements AutoCloseable {

  /** The series limit of a metric that sets none. */
  public static final int DEFAULT_CARDINALITY_LIMIT = 500;

  /**
   * The highest series limit: the SDK keeps 2000 attribute sets per metric and reader, one of
   * which is its own overflow series and one ours.
   */
  public static final int MAX_CARDINALITY_LIMIT = Limits.MAX_CARDINALITY_LIMIT;

  /** The longest label value kept; longer ones are cut. */
  public static final int DEFAULT_MAX_LABEL_VALUE_LENGTH = 256;

  /** The most distinct metric names a facade keeps unless configured otherwise. */
  public static final int DEFAULT_METRIC_NAME_LIMIT = 1000;

  /** The most label names a series may carry. */
  public static final int MAX_LABEL_NAMES = Limits.MAX_LABEL_NAMES;

  /** The longest label name accepted. */
  public static final int MAX_LABEL_NAME_LENGTH = Limits.MAX_LABEL_NAME_LENGTH;

  private final MetricsRuntime runtime;
  private final int maxMetricNames;
  private final Map<String, Metric<?>> byName = new ConcurrentHashMap<>();
  /** The Prometheus names the metrics of {@link #byName} write; guarded by {@code byName}. */
  private final ExportedNames exported = new ExportedNames();

  private Metrics(MetricsRuntime runtime, int maxMetricNames) {
    this.runtime = runtime;
    this.maxMetricNames = maxMetricNames;
  }

  /** Starts a facade over the meters of {@code openTelemetry}. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  // ---------------------------------------------------------------- definitions

  /**
   * The counter for {@code definition}, created on first call. Asking again for the same name
   * returns the same counter (a different definition of it is warned about and ignored). A name
   * already used by another type, whose Prometheus form is another metric's, or past the limit on
   * metric names gives a counter that drops every measurement; making it only warns, each
   * measurement is counted.
   */
  public Counter counter(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Counter
        ? (Counter) m
        : new Counter(definition, runtime, refusal(definition, m));
  }

  /** The histogram for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Histogram histogram(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Histogram
        ? (Histogram) m
        : new Histogram(definition, runtime, refusal(definition, m));
  }

  /** The gauge for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Gauge gauge(MetricDefinition definition) {
    Object m = define(definition, false);
    return m instanceof Gauge ? (Gauge) m : new Gauge(definition, runtime, refusal(definition, m));
  }

  /** The definition in use for {@code name}, if that metric exists. */
  public Optional<MetricDefinition> definition(String name) {
    Metric<?> m = name == null ? null : byName.get(name);
    return m == null ? Optional.empty() : Optional.of(m.definition());
  }

  // ---------------------------------------------------------------- MetricsCollector operations

  /** Adds one to counter {@code name}; {@code labels} alternate names and values. */
  public void incrementCounter(String name, String... labels) {
    incrementCounter(name, 1.0, labels);
  }

  /** Adds {@code amount} (finite, not negative) to counter {@code name}. */
  public void incrementCounter(String name, double amount, String... labels) {
    counterSeries(name, labels).increment(amount);
  }

  /** Records {@code value} (finite, not negative) in histogram {@code name}. */
  public void recordHistogram(String name, double value, String... labels) {
    histogramSeries(name, labels).record(value);
  }

  /** Sets gauge {@code name}. */
  public void setGauge(String name, double value, String... labels) {
    gaugeSeries(name, labels).set(value);
  }

  /** Adds one to gauge {@code name}. */
  public void incrementGauge(String name, String... labels) {
    incrementGauge(name, 1.0, labels);
  }

  /** Adds {@code amount} to gauge {@code name}. */
  public void incrementGauge(String name, double amount, String... labels) {
    gaugeSeries(name, labels).add(amount);
  }

  /** Subtracts one from gauge {@code name}. */
  public void decrementGauge(String name, String... labels) {
    incrementGauge(name, -1.0, labels);
  }

  /** Subtracts {@code amount} from gauge {@code name}. */
  public void decrementGauge(String name, double amount, String... labels) {
    incrementGauge(name, -amount, labels);
  }

  /**
   * Times a block into histogram {@code name} (the seeds' {@code track_duration}):
   *
   * <pre>{@code
   * try (TimingScope t = metrics.trackDuration("retrieval_time",
   *     "operation", "vector_search", "source", "chroma")) {
   *   hits = store.search(query, 5);
   * }
   * }</pre>
   */
  public TimingScope trackDuration(String name, String... labels) {
    return histogramSeries(name, labels).startTimer();
  }

  /**
   * Counts a block as active in gauge {@code name} (the seeds' {@code track_active}): one up now,
   * one down when the scope closes. With bad input the block is one dropped measurement.
   */
  public ActiveScope trackActive(String name, String... labels) {
    return new ActiveScope(gaugeSeries(name, labels));
  }

  /**
   * A reusable wrapper that times code into histogram {@code name}; see {@link Timed}. With bad
   * input, making it counts nothing and each run is one dropped measurement.
   */
  public Timed timed(String name, String... labels) {
    return new Timed(histogramSeries(name, labels));
  }

  /**
   * A reusable wrapper that counts exceptions in {@code error_count} with these labels plus
   * {@code error_type}; see {@link ErrorCounting}. {@code error_count} takes exactly {@code
   * endpoint} and {@code function} here (its declared labels); for other label sets count into a
   * counter of your own with {@link #countErrorsInto}.
   */
  public ErrorCounting countErrors(String... labels) {
    return countErrorsInto(StandardMetrics.ERROR_COUNT.name(), labels);
  }

  /** As {@link #countErrors(String...)}, into counter {@code counterName}. */
  public ErrorCounting countErrorsInto(String counterName, String... labels) {
    return new ErrorCounting(
        pairs -> incrementCounter(counterName, pairs),
        runtime,
        counterName,
        labels == null ? new String[0] : labels);
  }

  /**
   * The OpenTelemetry meter this facade records through (its instrumentation scope is the
   * facade's). Pillars' modules count their own self-metrics on it ({@code
   * pillars_tracing_misuse_total}, {@code pillars_llm_misuse_total}); instruments made on it skip
   * the facade's checks and limits.
   *
   * @return the meter
   */
  public Meter meter() {
    return runtime.meter;
  }

  /**
   * Stops recording: later measurements are dropped and counted as {@code after_close}. The
   * meter provider itself is closed by its owner ({@code Pillars.close()}).
   */
  @Override
  public void close() {
    runtime.close();
  }

  // ---------------------------------------------------------------- internals

  private BoundCounter counterSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.COUNTER);
    return m instanceof Counter
        ? ((Counter) m).forPairs(labels)
        : BoundCounter.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  private BoundHistogram histogramSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.HISTOGRAM);
    return m instanceof Histogram
        ? ((Histogram) m).forPairs(labels)
        : BoundHistogram.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  private BoundGauge gaugeSeries(String name, String[] labels) {
    Object m = lookup(name, MetricType.GAUGE);
    return m instanceof Gauge
        ? ((Gauge) m).forPairs(labels)
        : BoundGauge.rejecting(runtime, String.valueOf(name), (Rejection) m);
  }

  /**
   * The metric called {@code name} if it has type {@code type}, defining it on first use; else
   * the {@link Rejection} that says why not. Only a name not seen yet costs more than one lookup.
   */
  private Object lookup(String name, MetricType type) {
    Metric<?> m = name == null ? null : byName.get(name);
    if (m == null) {
      if (!MetricDefinition.isValidName(name)) {
        return new Rejection(
            Problem.INVALID_NAME,
            "use 1-255 characters, starting with a letter, then letters, digits, '_', '.', '-' or"
                + " '/'");
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
    if (m.definition().type() == type) {
      return m;
    }
    return new Rejection(
        Problem.TYPE_CONFLICT,
        "it is a " + lower(m.definition().type()) + ", not a " + lower(type));
  }

  /**
   * The metric of {@code definition}'s name: the existing one, or one created from it; or the
   * {@link Rejection} that keeps it from being created (its Prometheus name is taken or
   * reserved, or there are too many metric names already).
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
    if (current.type() == definition.type()
        && !current.equals(definition)
        && !isBare(definition)) {
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
          "there are " + maxMetricNames + " metric names already, the limit; put varying parts"
              + " in labels, or raise the limit (pillars.metrics.name.limit,"
              + " Pillars.Builder.metricNameLimit)");
    }
    return null;
  }

  private static boolean isBare(MetricDefinition d) {
    return d.description().isEmpty() && d.unit().isEmpty() && d.labelNames().isEmpty()
        && d.optionalLabelNames().isEmpty() && d.buckets().isEmpty()
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
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Why {@code definition} got no metric of its own ({@code outcome} is a {@link Rejection}, or
   * the metric of another type that holds the name); warned about, not counted: the measurements
   * are counted as they are dropped.
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

  /** Configures a {@link Metrics}; setters return {@code this}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String scopeName = "dev.pillars";
    private int cardinalityLimit = DEFAULT_CARDINALITY_LIMIT;
    private int maxLabelValueLength = DEFAULT_MAX_LABEL_VALUE_LENGTH;
    private int metricNameLimit = DEFAULT_METRIC_NAME_LIMIT;
    private java.util.function.LongSupplier clock = System::nanoTime;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /** The instrumentation scope of the meter ({@code otel_scope_name}); default dev.pillars. */
    public Builder instrumentationScope(String name) {
      this.scopeName = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The series limit of metrics that set none; 1 to {@link #MAX_CARDINALITY_LIMIT}. */
    public Builder cardinalityLimit(int limit) {
      if (limit < 1 || limit > MAX_CARDINALITY_LIMIT) {
        throw new IllegalArgumentException(
            "cardinality limit must be 1.." + MAX_CARDINALITY_LIMIT + ", got " + limit);
      }
      this.cardinalityLimit = limit;
      return this;
    }

    /** The longest label value kept (at least 16); longer ones are cut and counted. */
    public Builder maxLabelValueLength(int length) {
      if (length < 16) {
        throw new IllegalArgumentException("max label value length must be >= 16, got " + length);
      }
      this.maxLabelValueLength = length;
      return this;
    }

    /**
     * The most distinct metric names this facade creates (at least 1; default {@value
     * #DEFAULT_METRIC_NAME_LIMIT}); measurements of further new names are dropped and counted as
     * {@code too_many_metrics}.
     */
    public Builder metricNameLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("metric name limit must be >= 1, got " + limit);
      }
      this.metricNameLimit = limit;
      return this;
    }

    Builder clock(java.util.function.LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /** Builds the facade. */
    public Metrics build() {
      Meter meter = openTelemetry.getMeter(scopeName);
      return new Metrics(
          new MetricsRuntime(meter, cardinalityLimit, maxLabelValueLength, clock),
          metricNameLimit);
    }
  }
}
