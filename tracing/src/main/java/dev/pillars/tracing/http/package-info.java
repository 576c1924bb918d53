/**
 * HTTP server instrumentation: filters for the JDK server and servlets that open SERVER spans and
 * record the HTTP semantic-convention metrics.
 *
 * <p>Nullness: {@code @NullMarked}; parameters and results are non-null unless marked {@code
 * Nullable}. A recording call given null drops the measurement, counts it and warns (throttled),
 * never throws; a configuration call given null fails at once, naming the parameter.
 */
@NullMarked
package dev.pillars.tracing.http;

import org.jspecify.annotations.NullMarked;
