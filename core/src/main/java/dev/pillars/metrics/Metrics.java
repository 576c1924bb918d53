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
 * is counted in {@code pillars_metrics_dropped_total} or {@code pillars_metrics_repaired_total}
 * by {@code reason}, and warned about at most a few times a minute. Every metric keeps at most its
 * cardinality limit of series; further label sets are folded into one series labelled {@code
 * otel_metric_overflow="true"} and counted in {@code pillars_metrics_overflow_total{metric=..}}.
 */
public final class Metrics implements AutoCloseable {

  /** The series limit of a metric that sets none. */
  public static final int DEFAULT_CARDINALITY_LIMIT = 500;

  /**
   * The highest series limit: the SDK keeps 2000 attribute sets per metric and reader, one of
   * which is its own overflow series and one ours.
   */
  public static final int MAX_CARDINALITY_LIMIT = 1998;

  /** The longest label value kept; longer ones are cut. */
  public static final int DEFAULT_MAX_LABEL_VALUE_LENGTH = 256;

  private final MetricsRuntime runtime;
  private final Map<String, Metric<?>> byName = new ConcurrentHashMap<>();

  private Metrics(MetricsRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts a facade over the meters of {@code openTelemetry}. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  // ---------------------------------------------------------------- definitions

  /**
   * The counter for {@code definition}, created on first call. Asking again for the same name
   * returns the same counter (a different definition of it is warned about and ignored); a name
   * already used by another type gives a counter that drops and counts every measurement.
   */
  public Counter counter(MetricDefinition definition) {
    Metric<?> m = define(definition);
    return m instanceof Counter ? (Counter) m : new Counter(definition, refuse(m), Problem.TYPE_CONFLICT);
  }

  /** The histogram for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Histogram histogram(MetricDefinition definition) {
    Metric<?> m = define(definition);
    return m instanceof Histogram
        ? (Histogram) m
        : new Histogram(definition, refuse(m), Problem.TYPE_CONFLICT);
  }

  /** The gauge for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Gauge gauge(MetricDefinition definition) {
    Metric<?> m = define(definition);
    return m instanceof Gauge ? (Gauge) m : new Gauge(definition, refuse(m), Problem.TYPE_CONFLICT);
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
    Counter c = lookup(name, MetricType.COUNTER, Counter.class);
    if (c != null) {
      BoundCounter s = c.forPairs(labels);
      if (s != null) {
        s.increment(amount);
      }
    }
  }

  /** Records {@code value} (finite, not negative) in histogram {@code name}. */
  public void recordHistogram(String name, double value, String... labels) {
    BoundHistogram s = histogramSeries(name, labels);
    if (s != null) {
      s.record(value);
    }
  }

  /** Sets gauge {@code name}. */
  public void setGauge(String name, double value, String... labels) {
    BoundGauge s = gaugeSeries(name, labels);
    if (s != null) {
      s.set(value);
    }
  }

  /** Adds one to gauge {@code name}. */
  public void incrementGauge(String name, String... labels) {
    incrementGauge(name, 1.0, labels);
  }

  /** Adds {@code amount} to gauge {@code name}. */
  public void incrementGauge(String name, double amount, String... labels) {
    BoundGauge s = gaugeSeries(name, labels);
    if (s != null) {
      s.add(amount);
    }
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
    return histogramOrRejecting(name, labels).startTimer();
  }

  /**
   * Counts a block as active in gauge {@code name} (the seeds' {@code track_active}): one up now,
   * one down when the scope closes.
   */
  public ActiveScope trackActive(String name, String... labels) {
    BoundGauge s = gaugeSeries(name, labels);
    return new ActiveScope(
        s != null ? s : BoundGauge.rejecting(runtime, String.valueOf(name), Problem.INVALID_LABELS));
  }

  /** A reusable wrapper that times code into histogram {@code name}; see {@link Timed}. */
  public Timed timed(String name, String... labels) {
    return new Timed(histogramOrRejecting(name, labels));
  }

  /**
   * A reusable wrapper that counts exceptions in {@code error_count} with these labels plus
   * {@code error_type}; see {@link ErrorCounting}.
   */
  public ErrorCounting countErrors(String... labels) {
    return countErrorsInto(StandardMetrics.ERROR_COUNT.name(), labels);
  }

  /** As {@link #countErrors(String...)}, into counter {@code counterName}. */
  public ErrorCounting countErrorsInto(String counterName, String... labels) {
    return new ErrorCounting(this, counterName, labels == null ? new String[0] : labels);
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

  private BoundHistogram histogramSeries(String name, String[] labels) {
    Histogram h = lookup(name, MetricType.HISTOGRAM, Histogram.class);
    return h == null ? null : h.forPairs(labels);
  }

  private BoundHistogram histogramOrRejecting(String name, String[] labels) {
    BoundHistogram s = histogramSeries(name, labels);
    return s != null
        ? s
        : BoundHistogram.rejecting(runtime, String.valueOf(name), Problem.INVALID_LABELS);
  }

  private BoundGauge gaugeSeries(String name, String[] labels) {
    Gauge g = lookup(name, MetricType.GAUGE, Gauge.class);
    return g == null ? null : g.forPairs(labels);
  }

  /** The metric called {@code name} if it has type {@code type}, defining it on first use. */
  private <T> T lookup(String name, MetricType type, Class<T> kind) {
    Metric<?> m = name == null ? null : byName.get(name);
    if (m == null) {
      if (!MetricDefinition.isValidName(name)) {
        runtime.reject(
            Problem.INVALID_NAME,
            name,
            "use 1-255 characters, starting with a letter, then letters, digits, '_', '.', '-' or"
                + " '/'");
        return null;
      }
      MetricDefinition known = StandardMetrics.find(name);
      MetricDefinition definition =
          known != null ? known : new MetricDefinition(name, type, "", "", null, null, 0);
      m = define(definition);
    }
    if (kind.isInstance(m)) {
      return kind.cast(m);
    }
    runtime.reject(
        Problem.TYPE_CONFLICT,
        name,
        "it is a " + lower(m.definition().type()) + ", not a " + lower(type));
    return null;
  }

  /** The metric of {@code definition}'s name: the existing one, or one created from it. */
  private Metric<?> define(MetricDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    Metric<?> existing = byName.get(definition.name());
    if (existing == null) {
      synchronized (byName) {
        existing = byName.get(definition.name());
        if (existing == null) {
          Metric<?> created = create(definition);
          byName.put(definition.name(), created);
          return created;
        }
      }
    }
    MetricDefinition current = existing.definition();
    if (current.type() == definition.type()
        && !current.equals(definition)
        && !isBare(definition)) {
      runtime.reject(
          Problem.TYPE_CONFLICT,
          definition.name(),
          "defined again differently; keeping the first definition " + current);
    }
    return existing;
  }

  private static boolean isBare(MetricDefinition d) {
    return d.description().isEmpty() && d.unit().isEmpty() && d.labelNames().isEmpty()
        && d.buckets().isEmpty() && d.cardinalityLimit() == 0;
  }

  private Metric<?> create(MetricDefinition definition) {
    int limit =
        definition.cardinalityLimit() > 0
            ? definition.cardinalityLimit()
            : runtime.defaultCardinalityLimit;
    switch (definition.type()) {
      case COUNTER:
        return new Counter(definition, runtime, limit);
      case HISTOGRAM:
        return new Histogram(definition, runtime, limit);
      default:
        return new Gauge(definition, runtime, limit);
    }
  }

  private static String lower(MetricType type) {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Counts a definition refused because its name belongs to {@code existing}'s type. */
  private MetricsRuntime refuse(Metric<?> existing) {
    runtime.reject(
        Problem.TYPE_CONFLICT,
        existing.definition().name(),
        "the name is used by a " + lower(existing.definition().type()));
    return runtime;
  }

  /** Configures a {@link Metrics}; setters return {@code this}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private String scopeName = "dev.pillars";
    private int cardinalityLimit = DEFAULT_CARDINALITY_LIMIT;
    private int maxLabelValueLength = DEFAULT_MAX_LABEL_VALUE_LENGTH;
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

    Builder clock(java.util.function.LongSupplier clock) {
      this.clock = clock;
      return this;
    }

    /** Builds the facade. */
    public Metrics build() {
      Meter meter = openTelemetry.getMeter(scopeName);
      return new Metrics(new MetricsRuntime(meter, cardinalityLimit, maxLabelValueLength, clock));
    }
  }
}
