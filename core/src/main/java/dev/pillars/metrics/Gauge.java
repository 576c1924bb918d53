package dev.pillars.metrics;

import io.opentelemetry.api.metrics.ObservableDoubleGauge;

/**
 * A gauge whose series can be set, raised and lowered (seeds' {@code set_gauge}, {@code
 * increment_gauge}, {@code decrement_gauge}). Values are held in the {@link BoundGauge}s and read
 * when metrics are collected.
 *
 * <pre>{@code
 * Gauge queue = metrics.gauge(StandardMetrics.QUEUE_SIZE);
 * BoundGauge ingest = queue.labels("ingest");
 * ingest.set(pending.size());
 * }</pre>
 */
public final class Gauge extends Metric<BoundGauge> implements AutoCloseable {

  /** Null for a refused gauge. */
  private final ObservableDoubleGauge registration;

  Gauge(MetricDefinition definition, MetricsRuntime runtime, int limit, boolean fixedAtFirstUse) {
    super(
        definition,
        runtime,
        new SeriesRegistry<>(
            definition,
            fixedAtFirstUse,
            limit,
            runtime,
            attributes -> new BoundGauge(attributes, runtime, definition.name(), null),
            rejection -> BoundGauge.rejecting(runtime, definition.name(), rejection),
            BoundGauge::close));
    this.registration =
        runtime
            .meter
            .gaugeBuilder(definition.name())
            .setDescription(definition.description())
            .setUnit(definition.unit())
            .buildWithCallback(
                measurement -> {
                  for (BoundGauge g : allSeries()) {
                    measurement.record(g.value(), g.attributes());
                  }
                });
  }

  Gauge(MetricDefinition definition, MetricsRuntime runtime, Rejection rejection) {
    super(definition, runtime, rejection);
    this.registration = null;
  }

  @Override
  BoundGauge rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return BoundGauge.rejecting(runtime, metric, rejection);
  }

  /** Sets the series without labels. */
  public void set(double value) {
    unlabelled().set(value);
  }

  /** Stops reporting this gauge. */
  @Override
  public void close() {
    if (registration != null) {
      registration.close();
    }
  }
}
