package dev.pillars.metrics;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.Optional;

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
 * try (TimingScope t = metrics.startTimer("database_query_duration",
 *     "operation", "select", "table", "users")) {
 *   rows = db.query(sql);
 * }
 * }</pre>
 *
 * <p>Labels are given as alternating names and values. A name seen for the first time is defined
 * from {@link StandardMetrics} when the catalog has it, else as a bare metric of the type first
 * used; define your own with {@link #counter(MetricDefinition)} and friends to give them help text,
 * units and buckets. For hot paths, keep the {@link BoundCounter}, {@link BoundHistogram} or {@link
 * BoundGauge} that {@code labels(..)} returns: it records without allocating.
 *
 * <p><b>One way per measurement, and its conveniences.</b> The way: define the metric once, bind
 * its series once, record through the handle ({@code
 * metrics.counter(def).labels("/query").increment()}; {@link BoundHistogram#record}, {@link
 * BoundGauge#set}). The calls by name ({@link #incrementCounter}, {@link #recordHistogram}, {@link
 * #setGauge}, ...) are conveniences on top of it that look the series up on every call, for code
 * that is not hot. Timing has two forms: {@link #startTimer} (or {@link
 * BoundHistogram#startTimer()}) gives a {@link TimingScope} that times one block, {@link #timed} a
 * reusable {@link Timed} wrapper for lambdas.
 *
 * <p><b>Recording never throws.</b> Bad names, odd label arguments, NaN, infinities, negative
 * counter increments, a name already used by another type, and calls after {@link #close()} drop
 * the measurement; null, over-long or malformed (lone surrogate) label values are repaired. Each
 * dropped measurement is counted once in {@code pillars_metrics_dropped_total} by its {@code
 * reason} (repairs in {@code pillars_metrics_repaired_total}) and warned about at most a few times
 * a minute; making a handle from bad input counts nothing, recording through it does.
 *
 * <p><b>A metric is its Prometheus name.</b> A name whose Prometheus form is another metric's
 * ({@code request.count} beside {@code request_count}, {@code x_count} beside histogram {@code x}),
 * {@code target_info}'s or in {@code pillars_*} is refused ({@code name_conflict}), as is a new
 * name past the limit on distinct names ({@link Builder#metricNameLimit}, {@code
 * too_many_metrics}). <b>Label names are a schema</b>: a defined or catalog metric takes exactly
 * its declared names (see {@link MetricDefinition}), a metric made from a bare name those of its
 * first use; others are refused ({@code invalid_labels}). These checks run when a name or label set
 * is first seen, never on a recording that hits a known series.
 *
 * <p>Every metric keeps at most its cardinality limit of series; further label sets are folded into
 * one series labelled {@code otel_metric_overflow="true"} and counted in {@code
 * pillars_metrics_overflow_total{metric=..}}.
 */
public final class Metrics implements AutoCloseable {

  /** The series limit of a metric that sets none. */
  public static final int DEFAULT_CARDINALITY_LIMIT = 500;

  /**
   * The highest series limit: the SDK keeps 2000 attribute sets per metric and reader, one of which
   * is its own overflow series and one ours.
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
  private final MetricRegistry registry;

  private Metrics(MetricsRuntime runtime, int maxMetricNames) {
    this.runtime = runtime;
    this.registry = new MetricRegistry(runtime, maxMetricNames);
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
    return registry.counter(definition);
  }

  /** The histogram for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Histogram histogram(MetricDefinition definition) {
    return registry.histogram(definition);
  }

  /** The gauge for {@code definition}; see {@link #counter(MetricDefinition)}. */
  public Gauge gauge(MetricDefinition definition) {
    return registry.gauge(definition);
  }

  /** The definition in use for {@code name}, if that metric exists. */
  public Optional<MetricDefinition> definition(String name) {
    return registry.definition(name);
  }

  // ---------------------------------------------------------------- MetricsCollector operations

  /** Adds one to counter {@code name}; {@code labels} alternate names and values. */
  public void incrementCounter(String name, String... labels) {
    incrementCounter(name, 1.0, labels);
  }

  /** Adds {@code amount} (finite, not negative) to counter {@code name}. */
  public void incrementCounter(String name, double amount, String... labels) {
    registry.counterSeries(name, labels).increment(amount);
  }

  /** Records {@code value} (finite, not negative) in histogram {@code name}. */
  public void recordHistogram(String name, double value, String... labels) {
    registry.histogramSeries(name, labels).record(value);
  }

  /**
   * Adds one to counter {@code name} with one label pair; as {@link #incrementCounter(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementCounter(String name, String name1, String value1) {
    registry.counterSeries(name, name1, value1).increment(1.0);
  }

  /**
   * Adds one to counter {@code name} with two label pairs; as {@link #incrementCounter(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementCounter(
      String name, String name1, String value1, String name2, String value2) {
    registry.counterSeries(name, name1, value1, name2, value2).increment(1.0);
  }

  /**
   * Adds one to counter {@code name} with three label pairs; as {@link #incrementCounter(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementCounter(
      String name,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.counterSeries(name, name1, value1, name2, value2, name3, value3).increment(1.0);
  }

  /**
   * Adds {@code amount} to counter {@code name} with one label pair; as {@link
   * #incrementCounter(String, double, String...)}, without the varargs array.
   */
  public void incrementCounter(String name, double amount, String name1, String value1) {
    registry.counterSeries(name, name1, value1).increment(amount);
  }

  /**
   * Adds {@code amount} to counter {@code name} with two label pairs; as {@link
   * #incrementCounter(String, double, String...)}, without the varargs array.
   */
  public void incrementCounter(
      String name, double amount, String name1, String value1, String name2, String value2) {
    registry.counterSeries(name, name1, value1, name2, value2).increment(amount);
  }

  /**
   * Adds {@code amount} to counter {@code name} with three label pairs; as {@link
   * #incrementCounter(String, double, String...)}, without the varargs array.
   */
  public void incrementCounter(
      String name,
      double amount,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.counterSeries(name, name1, value1, name2, value2, name3, value3).increment(amount);
  }

  /**
   * Records {@code value} in histogram {@code name} with one label pair; as {@link
   * #recordHistogram(String, double, String...)}, without the varargs array.
   */
  public void recordHistogram(String name, double value, String name1, String value1) {
    registry.histogramSeries(name, name1, value1).record(value);
  }

  /**
   * Records {@code value} in histogram {@code name} with two label pairs; as {@link
   * #recordHistogram(String, double, String...)}, without the varargs array.
   */
  public void recordHistogram(
      String name, double value, String name1, String value1, String name2, String value2) {
    registry.histogramSeries(name, name1, value1, name2, value2).record(value);
  }

  /**
   * Records {@code value} in histogram {@code name} with three label pairs; as {@link
   * #recordHistogram(String, double, String...)}, without the varargs array.
   */
  public void recordHistogram(
      String name,
      double value,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.histogramSeries(name, name1, value1, name2, value2, name3, value3).record(value);
  }

  /** Sets gauge {@code name}. */
  public void setGauge(String name, double value, String... labels) {
    registry.gaugeSeries(name, labels).set(value);
  }

  /**
   * Sets gauge {@code name} with one label pair; as {@link #setGauge(String, double, String...)},
   * without the varargs array.
   */
  public void setGauge(String name, double value, String name1, String value1) {
    registry.gaugeSeries(name, name1, value1).set(value);
  }

  /**
   * Sets gauge {@code name} with two label pairs; as {@link #setGauge(String, double, String...)},
   * without the varargs array.
   */
  public void setGauge(
      String name, double value, String name1, String value1, String name2, String value2) {
    registry.gaugeSeries(name, name1, value1, name2, value2).set(value);
  }

  /**
   * Sets gauge {@code name} with three label pairs; as {@link #setGauge(String, double,
   * String...)}, without the varargs array.
   */
  public void setGauge(
      String name,
      double value,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3).set(value);
  }

  /** Adds one to gauge {@code name}. */
  public void incrementGauge(String name, String... labels) {
    incrementGauge(name, 1.0, labels);
  }

  /** Adds {@code amount} to gauge {@code name}. */
  public void incrementGauge(String name, double amount, String... labels) {
    registry.gaugeSeries(name, labels).add(amount);
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
   * Adds one to gauge {@code name} with one label pair; as {@link #incrementGauge(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementGauge(String name, String name1, String value1) {
    registry.gaugeSeries(name, name1, value1).add(1.0);
  }

  /**
   * Adds one to gauge {@code name} with two label pairs; as {@link #incrementGauge(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementGauge(
      String name, String name1, String value1, String name2, String value2) {
    registry.gaugeSeries(name, name1, value1, name2, value2).add(1.0);
  }

  /**
   * Adds one to gauge {@code name} with three label pairs; as {@link #incrementGauge(String,
   * String...)}, without the varargs array: a known series is found without allocating.
   */
  public void incrementGauge(
      String name,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3).add(1.0);
  }

  /**
   * Adds {@code amount} to gauge {@code name} with one label pair; as {@link
   * #incrementGauge(String, double, String...)}, without the varargs array.
   */
  public void incrementGauge(String name, double amount, String name1, String value1) {
    registry.gaugeSeries(name, name1, value1).add(amount);
  }

  /**
   * Adds {@code amount} to gauge {@code name} with two label pairs; as {@link
   * #incrementGauge(String, double, String...)}, without the varargs array.
   */
  public void incrementGauge(
      String name, double amount, String name1, String value1, String name2, String value2) {
    registry.gaugeSeries(name, name1, value1, name2, value2).add(amount);
  }

  /**
   * Adds {@code amount} to gauge {@code name} with three label pairs; as {@link
   * #incrementGauge(String, double, String...)}, without the varargs array.
   */
  public void incrementGauge(
      String name,
      double amount,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3).add(amount);
  }

  /**
   * Subtracts one from gauge {@code name} with one label pair; as {@link #decrementGauge(String,
   * String...)}, without the varargs array.
   */
  public void decrementGauge(String name, String name1, String value1) {
    registry.gaugeSeries(name, name1, value1).add(-1.0);
  }

  /**
   * Subtracts one from gauge {@code name} with two label pairs; as {@link #decrementGauge(String,
   * String...)}, without the varargs array.
   */
  public void decrementGauge(
      String name, String name1, String value1, String name2, String value2) {
    registry.gaugeSeries(name, name1, value1, name2, value2).add(-1.0);
  }

  /**
   * Subtracts one from gauge {@code name} with three label pairs; as {@link #decrementGauge(String,
   * String...)}, without the varargs array.
   */
  public void decrementGauge(
      String name,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3).add(-1.0);
  }

  /**
   * Subtracts {@code amount} from gauge {@code name} with one label pair; as {@link
   * #decrementGauge(String, double, String...)}, without the varargs array.
   */
  public void decrementGauge(String name, double amount, String name1, String value1) {
    registry.gaugeSeries(name, name1, value1).add(-amount);
  }

  /**
   * Subtracts {@code amount} from gauge {@code name} with two label pairs; as {@link
   * #decrementGauge(String, double, String...)}, without the varargs array.
   */
  public void decrementGauge(
      String name, double amount, String name1, String value1, String name2, String value2) {
    registry.gaugeSeries(name, name1, value1, name2, value2).add(-amount);
  }

  /**
   * Subtracts {@code amount} from gauge {@code name} with three label pairs; as {@link
   * #decrementGauge(String, double, String...)}, without the varargs array.
   */
  public void decrementGauge(
      String name,
      double amount,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3).add(-amount);
  }

  /**
   * Times a block into histogram {@code name} (the seeds' {@code track_duration}):
   *
   * <pre>{@code
   * try (TimingScope t = metrics.startTimer("retrieval_time",
   *     "operation", "vector_search", "source", "chroma")) {
   *   hits = store.search(query, 5);
   * }
   * }</pre>
   */
  public TimingScope startTimer(String name, String... labels) {
    return registry.histogramSeries(name, labels).startTimer();
  }

  /**
   * Counts a block as active in gauge {@code name} (the seeds' {@code track_active}): one up now,
   * one down when the scope closes. With bad input the block is one dropped measurement.
   */
  public ActiveScope trackActive(String name, String... labels) {
    return new ActiveScope(registry.gaugeSeries(name, labels));
  }

  /**
   * Times a block into histogram {@code name} with one label pair; as {@link #startTimer(String,
   * String...)}, without the varargs array.
   */
  public TimingScope startTimer(String name, String name1, String value1) {
    return registry.histogramSeries(name, name1, value1).startTimer();
  }

  /**
   * Times a block into histogram {@code name} with two label pairs; as {@link #startTimer(String,
   * String...)}, without the varargs array.
   */
  public TimingScope startTimer(
      String name, String name1, String value1, String name2, String value2) {
    return registry.histogramSeries(name, name1, value1, name2, value2).startTimer();
  }

  /**
   * Times a block into histogram {@code name} with three label pairs; as {@link #startTimer(String,
   * String...)}, without the varargs array.
   */
  public TimingScope startTimer(
      String name,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    return registry.histogramSeries(name, name1, value1, name2, value2, name3, value3).startTimer();
  }

  /**
   * Counts a block as active in gauge {@code name} with one label pair; as {@link
   * #trackActive(String, String...)}, without the varargs array.
   */
  public ActiveScope trackActive(String name, String name1, String value1) {
    return new ActiveScope(registry.gaugeSeries(name, name1, value1));
  }

  /**
   * Counts a block as active in gauge {@code name} with two label pairs; as {@link
   * #trackActive(String, String...)}, without the varargs array.
   */
  public ActiveScope trackActive(
      String name, String name1, String value1, String name2, String value2) {
    return new ActiveScope(registry.gaugeSeries(name, name1, value1, name2, value2));
  }

  /**
   * Counts a block as active in gauge {@code name} with three label pairs; as {@link
   * #trackActive(String, String...)}, without the varargs array.
   */
  public ActiveScope trackActive(
      String name,
      String name1,
      String value1,
      String name2,
      String value2,
      String name3,
      String value3) {
    return new ActiveScope(registry.gaugeSeries(name, name1, value1, name2, value2, name3, value3));
  }

  /**
   * A reusable wrapper that times code into histogram {@code name}; see {@link Timed}. With bad
   * input, making it counts nothing and each run is one dropped measurement.
   */
  public Timed timed(String name, String... labels) {
    return new Timed(registry.histogramSeries(name, labels));
  }

  /**
   * A reusable wrapper that counts exceptions in {@code error_count} with these labels plus {@code
   * error_type}; see {@link ErrorCounting}. {@code error_count} takes exactly {@code endpoint} and
   * {@code function} here (its declared labels); for other label sets count into a counter of your
   * own with {@link #countErrorsInto}.
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
   * Stops recording: later measurements are dropped and counted as {@code after_close}. The meter
   * provider itself is closed by its owner ({@code Pillars.close()}).
   */
  @Override
  public void close() {
    runtime.close();
    registry.closeAll();
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
          new MetricsRuntime(meter, cardinalityLimit, maxLabelValueLength, clock), metricNameLimit);
    }
  }
}
