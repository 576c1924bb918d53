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
public final class Counter extends Metric<BoundCounter> {

  Counter(MetricDefinition definition, MetricsRuntime runtime, int limit, boolean fixedAtFirstUse) {
    super(definition, runtime, series(definition, runtime, limit, fixedAtFirstUse));
  }

  Counter(MetricDefinition definition, MetricsRuntime runtime, Rejection rejection) {
    super(definition, runtime, rejection);
  }

  private static SeriesRegistry<BoundCounter> series(
      MetricDefinition definition, MetricsRuntime runtime, int limit, boolean fixedAtFirstUse) {
    DoubleCounter counter =
        runtime
            .meter
            .counterBuilder(definition.name())
            .ofDoubles()
            .setDescription(definition.description())
            .setUnit(definition.unit())
            .build();
    return new SeriesRegistry<>(
        definition,
        fixedAtFirstUse,
        limit,
        runtime,
        attributes -> new BoundCounter(counter, attributes, runtime, definition.name()),
        rejection -> BoundCounter.rejecting(runtime, definition.name(), rejection),
        BoundCounter::close);
  }

  @Override
  BoundCounter rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return BoundCounter.rejecting(runtime, metric, rejection);
  }

  /** Adds one to the series without labels. */
  public void increment() {
    unlabelled().increment(1.0);
  }

  /** Adds {@code amount} to the series without labels. */
  public void increment(double amount) {
    unlabelled().increment(amount);
  }
}
