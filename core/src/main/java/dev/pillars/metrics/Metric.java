package dev.pillars.metrics;

/**
 * What every metric of the facade shares: its definition, its bounded series, and the handle that
 * stands in for a series when input is bad. Its constructors are package-private: the facade's
 * counter, histogram and gauge are its only kinds.
 *
 * @param <B> the bound handle type of the kind
 */
public abstract class Metric<B> {

  private final MetricDefinition definition;
  private final MetricsRuntime runtime;

  /** Null for a metric that was refused (its name is taken by another type). */
  private final SeriesRegistry<B> series;

  /** Non-null for a refused metric: every measurement is dropped and counted. */
  private final B refused;

  /** A live metric over {@code series}. */
  Metric(MetricDefinition definition, MetricsRuntime runtime, SeriesRegistry<B> series) {
    this.definition = definition;
    this.runtime = runtime;
    this.series = series;
    this.refused = null;
  }

  /**
   * A refused metric: it creates no instrument and drops every measurement, counted once each under
   * {@code rejection}'s problem.
   */
  Metric(MetricDefinition definition, MetricsRuntime runtime, Rejection rejection) {
    this.definition = definition;
    this.runtime = runtime;
    this.series = null;
    this.refused = rejecting(runtime, definition.name(), rejection);
  }

  /** A handle that drops and counts every measurement for {@code rejection}. */
  abstract B rejecting(MetricsRuntime runtime, String metric, Rejection rejection);

  /** What this metric is. */
  public final MetricDefinition definition() {
    return definition;
  }

  /**
   * The series for these label values, in the order of the definition's label names (or of its
   * label names followed by all of its optional label names). Bad values are repaired or, when they
   * cannot be, give a handle that drops every measurement. Making such a handle counts nothing;
   * each measurement recorded through it is counted once in {@code pillars_metrics_dropped_total}
   * and warned about (throttled).
   */
  public final B labels(String... values) {
    return refused != null ? refused : series.forValues(values);
  }

  /** The series without labels. */
  final B unlabelled() {
    return refused != null ? refused : series.unlabelled();
  }

  /** The series for alternating label names and values, or a rejecting handle when bad. */
  final B forPairs(String[] pairs) {
    return refused != null ? refused : series.forPairs(pairs);
  }

  /** As {@link #forPairs(String[])} for one pair, without an array when the series is known. */
  final B forPairs(String k1, String v1) {
    return refused != null ? refused : series.forPairs(k1, v1);
  }

  /** As {@link #forPairs(String[])} for two pairs. */
  final B forPairs(String k1, String v1, String k2, String v2) {
    return refused != null ? refused : series.forPairs(k1, v1, k2, v2);
  }

  /** As {@link #forPairs(String[])} for three pairs. */
  final B forPairs(String k1, String v1, String k2, String v2, String k3, String v3) {
    return refused != null ? refused : series.forPairs(k1, v1, k2, v2, k3, v3);
  }

  /** Makes every live series, and every one made later, drop what it is given. */
  final void closeSeries() {
    if (series != null) {
      series.closeAll();
    }
  }

  /** Every live series (none for a refused metric). */
  final Iterable<B> allSeries() {
    return series == null ? java.util.List.of() : series.all();
  }
}
