package dev.pillars.metrics;

import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;

/**
 * A histogram over the explicit buckets of its definition. Durations are recorded in the
 * definition's unit (seconds for {@code s}, as Prometheus expects). Bind label values once with
 * {@link #labels(String...)} and keep the {@link BoundHistogram} for hot paths.
 *
 * <pre>{@code
 * Histogram retrieval = metrics.histogram(StandardMetrics.RETRIEVAL_TIME);
 * BoundHistogram vectorSearch = retrieval.labels("vector_search", "chroma");
 * try (TimingScope t = vectorSearch.startTimer()) {
 *   hits = store.search(query, 5);
 * }
 * }</pre>
 */
public final class Histogram extends Metric<BoundHistogram> {

  Histogram(
      MetricDefinition definition, MetricsRuntime runtime, int limit, boolean fixedAtFirstUse) {
    super(definition, runtime, series(definition, runtime, limit, fixedAtFirstUse));
  }

  Histogram(MetricDefinition definition, MetricsRuntime runtime, Rejection rejection) {
    super(definition, runtime, rejection);
  }

  private static SeriesRegistry<BoundHistogram> series(
      MetricDefinition definition, MetricsRuntime runtime, int limit, boolean fixedAtFirstUse) {
    DoubleHistogramBuilder builder =
        runtime
            .meter
            .histogramBuilder(definition.name())
            .setDescription(definition.description())
            .setUnit(definition.unit());
    if (!definition.buckets().isEmpty()) {
      builder.setExplicitBucketBoundariesAdvice(definition.buckets());
    }
    DoubleHistogram histogram = builder.build();
    double nanosToUnit = nanosToUnit(definition.unit());
    return new SeriesRegistry<>(
        definition,
        fixedAtFirstUse,
        limit,
        runtime,
        attributes ->
            new BoundHistogram(histogram, attributes, runtime, definition.name(), nanosToUnit),
        rejection -> BoundHistogram.rejecting(runtime, definition.name(), rejection),
        BoundHistogram::close);
  }

  /** The factor from nanoseconds to a time unit; seconds unless the unit says otherwise. */
  static double nanosToUnit(String unit) {
    switch (unit) {
      case "ms":
        return 1e-6;
      case "us":
        return 1e-3;
      case "ns":
        return 1.0;
      case "min":
        return 1e-9 / 60;
      default:
        return 1e-9;
    }
  }

  @Override
  BoundHistogram rejecting(MetricsRuntime runtime, String metric, Rejection rejection) {
    return BoundHistogram.rejecting(runtime, metric, rejection);
  }

  /** Records {@code value} in the series without labels. */
  public void record(double value) {
    unlabelled().record(value);
  }
}
