package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleHistogram;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;

/**
 * A floor, not an instrumentation: the least a filter can do that gives each request a SERVER span
 * of the SDK and one duration measurement. One span with no attributes, made current for the
 * handler and ended; the duration recorded on a histogram series bound once (with the span's
 * context, so the SDK offers it an exemplar as it does Pillars' filter). No propagation, no
 * conventions' attributes, no status, no route: what Pillars' filter does on top of this is what
 * the HTTP conventions ask. {@code FILTERED=floor} in the wrk script.
 */
final class FloorFilter extends Filter {

  private final Tracer tracer;
  private final BoundDoubleHistogram duration;

  FloorFilter(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("floor");
    ExtendedDoubleHistogram histogram =
        (ExtendedDoubleHistogram)
            openTelemetry.getMeter("floor").histogramBuilder("floor.request.duration").build();
    this.duration = histogram.bind(Attributes.empty());
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    long start = System.nanoTime();
    Span span = tracer.spanBuilder("GET").setSpanKind(SpanKind.SERVER).startSpan();
    Context context = Context.current().with(span);
    try (Scope ignored = context.makeCurrent()) {
      chain.doFilter(exchange);
    } finally {
      duration.record((System.nanoTime() - start) / 1e9, context);
      span.end();
    }
  }

  @Override
  public String description() {
    return "one bare span and one bound duration a request";
  }
}
