/**
 * Pipeline tracing: {@link dev.pillars.tracing.PipelineTracing} gives pipelines and their stages,
 * each a span, a duration histogram with an exemplar, an active gauge and an error count; {@link
 * dev.pillars.tracing.TracePropagation} carries the context across processes.
 *
 * <p>Nullness: {@code @NullMarked}; parameters and results are non-null unless marked {@code
 * Nullable}. A recording call given null drops the measurement, counts it and warns (throttled),
 * never throws; a configuration call given null fails at once, naming the parameter.
 */
@NullMarked
package dev.pillars.tracing;

import org.jspecify.annotations.NullMarked;
