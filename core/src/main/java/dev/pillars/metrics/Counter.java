package dev.pillars.metrics;

import io.opentelemetry.api.metrics.DoubleCounter;

/**
 * A monotonic counter, exposed to Prometheus as {@code <name>_total}. Get one from {@link
 * Metrics#counter(MetricDefinition)}; bind label values once with {@link #labels(String...)} and
 * keep the {@link BoundCounter} for hot paths.
 *
 * <pre>{@code
 * Counter requests = metrics.counter(StandardMetrics.REQUEST_COUNT);
 * BoundCounter queryOk = requests.labels("/query", "POST", "200");
 * queryOk.increment();
 * }</pre>
 */
public final class Counter {

  private final MetricDefinition definition;
  private final SeriesRegistry<BoundCounter> series;
  private final MetricsRuntime runtime;

  private final BoundCounter rejected;

  Counter(MetricDefinition definition, MetricsRuntime runtime, int limit) {
    this.definition = definition;
    this.runtime = runtime;
    this.rejected = null;
    DoubleCounter counter =
        runtime
            .meter
            .counterBuilder(definition.name())
            .ofDoubles()
            .setDescription(definition.description())
            .setUnit(definition.unit())
            .build();
    this.series =
        new SeriesRegistry<>(
            definition.name(),
            definition.labelNames(),
            limit,
            runtime,
            attributes -> new BoundCounter(counter, attributes, runtime, definition.name()));
  }

  /** A counter that creates no instrument and drops every measurement for {@code problem}. */
  Counter(MetricDefinition definition, MetricsRuntime runtime, Problem problem) {
    this.definition = definition;
    this.runtime = runtime;
    this.series = null;
    this.rejected = BoundCounter.rejecting(runtime, definition.name(), problem);
  }

  /** What this counter is. */
  public MetricDefinition definition() {
    return definition;
  }

  /**
   * The series for these label values, in the order of the definition's label names. Bad values
   * are repaired or, when they cannot be, give a handle that drops and counts every measurement.
   */
  public BoundCounter labels(String... values) {
    if (rejected != null) {
      return rejected;
    }
    BoundCounter s = series.forValues(values);
    return s != null ? s : BoundCounter.rejecting(runtime, definition.name(), Problem.INVALID_LABELS);
  }

  /** Adds one to the series without labels. */
  public void increment() {
    increment(1.0);
  }

  /** Adds {@code amount} to the series without labels. */
  public void increment(double amount) {
    (rejected != null ? rejected : series.unlabelled()).increment(amount);
  }

  /** The series for alternating label names and values, or null (already counted) when bad. */
  BoundCounter forPairs(String[] pairs) {
    return rejected != null ? rejected : series.forPairs(pairs);
  }

  /** How many series exist, the overflow series included. */
  int seriesCount() {
    return series == null ? 0 : series.size();
  }
}
