/**
 * The metrics facade: {@link dev.pillars.metrics.Metrics} records by name or through {@link
 * dev.pillars.metrics.MetricDefinition}s into counters, histograms and gauges and their bound
 * series. Package-private: the name registry (MetricRegistry), series storage and limits
 * (SeriesRegistry, LabelTable, Limits) and the self-metrics of bad input (MetricsRuntime, Problem).
 *
 * <p>Nullness: {@code @NullMarked}; parameters and results are non-null unless marked {@code
 * Nullable}. A recording call given null drops the measurement, counts it and warns (throttled),
 * never throws; a configuration call given null fails at once, naming the parameter.
 */
@NullMarked
package dev.pillars.metrics;

import org.jspecify.annotations.NullMarked;
