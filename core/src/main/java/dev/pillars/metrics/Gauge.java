package dev.pillars.metrics;

import io.opentelemetry.api.metrics.ObservableDoubleGauge;

/**
 * A gauge whose series can be set, raised and lowered (seeds' {@code set_gauge},
 * {@code increment_gauge}, {@code decrement_gauge}). Values are held in the {@link BoundGauge}s
 * and read when metrics are collected.
 *
 * <pre>{@code
 * Gauge queue = metrics.gauge(StandardMetrics.QUEUE_SIZE);
 * BoundGauge ingest = queue.labels("ingest");
 * ingest.set(pending.size());
 * }</pre>
 */
public final class Gauge implements AutoCloseable {

  private final MetricDefinition definition;
  private final SeriesRegistry<BoundGauge> series;
  private final MetricsRuntime runtime;
  private final ObservableDoubleGauge registration;

  private final BoundGauge rejected;

  Gauge(MetricDefinition definition, MetricsRuntime runtime, int limit) {
    this.definition = definition;
    this.runtime = runtime;
    this.rejected = null;
    this.series =
        new SeriesRegistry<>(
            definition.name(),
            definition.labelNames(),
            limit,
            runtime,
            attributes -> new BoundGauge(attributes, runtime, definition.name(), null));
    this.registration =
        runtime
            .meter
            .gaugeBuilder(definition.name())
            .setDescription(definition.description())
            .setUnit(definition.unit())
            .buildWithCallback(
                measurement -> {
                  for (BoundGauge g : series.all()) {
                    measurement.record(g.value(), g.attributes());
                  }
                });
  }

  /** A gauge that creates no instrument and drops every measurement for {@code problem}. */
  Gauge(MetricDefinition definition, MetricsRuntime runtime, Problem problem) {
    this.definition = definition;
    this.runtime = runtime;
    this.series = null;
    this.registration = null;
    this.rejected = BoundGauge.rejecting(runtime, definition.name(), problem);
  }

  /** What this gauge is. */
  public MetricDefinition definition() {
    return definition;
  }

  /**
   * The series for these label values, in the order of the definition's label names. Bad values
   * are repaired or, when they cannot be, give a handle that drops and counts every measurement.
   */
  public BoundGauge labels(String... values) {
    if (rejected != null) {
      return rejected;
    }
    BoundGauge s = series.forValues(values);
    return s != null
        ? s
        : BoundGauge.rejecting(runtime, definition.name(), Problem.INVALID_LABELS);
  }

  /** Sets the series without labels. */
  public void set(double value) {
    (rejected != null ? rejected : series.unlabelled()).set(value);
  }

  BoundGauge forPairs(String[] pairs) {
    return rejected != null ? rejected : series.forPairs(pairs);
  }

  int seriesCount() {
    return series == null ? 0 : series.size();
  }

  /** Stops reporting this gauge. */
  @Override
  public void close() {
    if (registration != null) {
      registration.close();
    }
  }
}
