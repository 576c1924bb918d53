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
public final class Histogram {

  private final MetricDefinition definition;
  private final SeriesRegistry<BoundHistogram> series;
  private final MetricsRuntime runtime;

  private final BoundHistogram rejected;

  Histogram(MetricDefinition definition, MetricsRuntime runtime, int limit) {
    this.definition = definition;
    this.runtime = runtime;
    this.rejected = null;
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
    this.series =
        new SeriesRegistry<>(
            definition.name(),
            definition.labelNames(),
            limit,
            runtime,
            attributes ->
                new BoundHistogram(
                    histogram, attributes, runtime, definition.name(), nanosToUnit, null));
  }

  /** A histogram that creates no instrument and drops every measurement for {@code problem}. */
  Histogram(MetricDefinition definition, MetricsRuntime runtime, Problem problem) {
    this.definition = definition;
    this.runtime = runtime;
    this.series = null;
    this.rejected = BoundHistogram.rejecting(runtime, definition.name(), problem);
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

  /** What this histogram is. */
  public MetricDefinition definition() {
    return definition;
  }

  /**
   * The series for these label values, in the order of the definition's label names. Bad values
   * are repaired or, when they cannot be, give a handle that drops and counts every measurement.
   */
  public BoundHistogram labels(String... values) {
    if (rejected != null) {
      return rejected;
    }
    BoundHistogram s = series.forValues(values);
    return s != null
        ? s
        : BoundHistogram.rejecting(runtime, definition.name(), Problem.INVALID_LABELS);
  }

  /** Records {@code value} in the series without labels. */
  public void record(double value) {
    (rejected != null ? rejected : series.unlabelled()).record(value);
  }

  BoundHistogram forPairs(String[] pairs) {
    return rejected != null ? rejected : series.forPairs(pairs);
  }

  int seriesCount() {
    return series == null ? 0 : series.size();
  }
}
