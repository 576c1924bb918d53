package dev.pillars.tracing.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;

/**
 * An OpenTelemetry whose spans and meters come from different places: the agent's tracer with
 * Pillars' meters, or no spans at all with Pillars' meters (when another server span exists).
 */
record SpansAndMeters(TracerProvider tracers, MeterProvider meters, ContextPropagators propagators)
    implements OpenTelemetry {

  @Override
  public TracerProvider getTracerProvider() {
    return tracers;
  }

  @Override
  public MeterProvider getMeterProvider() {
    return meters;
  }

  @Override
  public ContextPropagators getPropagators() {
    return propagators;
  }
}
