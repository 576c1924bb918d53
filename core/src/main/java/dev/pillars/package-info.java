/**
 * Pillars' entry point: {@link dev.pillars.Pillars} (the handle, built with {@link
 * dev.pillars.Pillars.Builder}) starts the OpenTelemetry SDK with Prometheus and OTLP exporters.
 * Package-private: the typed configuration (PillarsConfig, ConfigKeys), the SDK's assembly
 * (SdkAssembly, ExporterChoice), the {@code /metrics} exposition (LintCleanSnapshots,
 * SeriesConversion, PrometheusEndpoint) and shutdown.
 *
 * <p>Nullness: {@code @NullMarked}; parameters and results are non-null unless marked {@code
 * Nullable}. A recording call given null drops the measurement, counts it and warns (throttled),
 * never throws; a configuration call given null fails at once, naming the parameter.
 */
@NullMarked
package dev.pillars;

import org.jspecify.annotations.NullMarked;
