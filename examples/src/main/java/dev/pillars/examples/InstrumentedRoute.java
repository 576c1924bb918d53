package dev.pillars.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.TimingScope;
import dev.pillars.tracing.TracePropagation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a route of the demo's HTTP server the way seeds/001's middleware does: a server span,
 * {@code active_requests}, {@code request_duration_seconds} (timed inside the span, so its samples
 * carry an exemplar) and {@code request_count_total}. The span continues the trace of an incoming
 * {@code traceparent}. It never lets an exception out: a failing handler answers 500 and is counted
 * in {@code error_count_total}. Log lines written inside get the span's trace id from
 * pillars-logging's encoder, which reads the current span.
 */
final class InstrumentedRoute implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(InstrumentedRoute.class);
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD");

  private final String endpoint;
  private final HttpHandler handler;
  private final Metrics metrics;
  private final Tracer tracer;
  private final TracePropagation propagation;

  /**
   * @param endpoint the route template used as the {@code endpoint} label (never the raw path)
   */
  InstrumentedRoute(
      String endpoint,
      HttpHandler handler,
      Metrics metrics,
      Tracer tracer,
      TracePropagation propagation) {
    this.endpoint = endpoint;
    this.handler = handler;
    this.metrics = metrics;
    this.tracer = tracer;
    this.propagation = propagation;
  }

  @Override
  public void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String methodLabel = METHODS.contains(method) ? method : "_OTHER";
    // under the OpenTelemetry Java agent, its SERVER span for this request is already current:
    // the route keeps its metrics and makes no second server span
    Span agents = Span.current();
    boolean own = !agents.getSpanContext().isValid();
    Context incoming = own ? propagation.extract(exchange.getRequestHeaders()) : Context.current();
    Span span =
        own
            ? tracer
                .spanBuilder(methodLabel + " " + endpoint)
                .setParent(incoming)
                .setSpanKind(SpanKind.SERVER)
                .startSpan()
            : agents;
    if (own) {
      span.setAttribute("http.request.method", methodLabel);
      span.setAttribute("http.route", endpoint);
    }
    int status = 500;
    try (Scope ignored = own ? incoming.with(span).makeCurrent() : Scope.noop();
        var active = metrics.trackActive("active_requests", "endpoint", endpoint);
        TimingScope timer =
            metrics.startTimer("request_duration", "endpoint", endpoint, "method", methodLabel)) {
      try {
        handler.handle(exchange);
        status = exchange.getResponseCode();
      } catch (Exception | LinkageError e) {
        metrics.incrementCounter(
            "error_count",
            "error_type",
            e.getClass().getName(),
            "endpoint",
            endpoint,
            "function",
            "handler");
        LOG.error("{} {} failed", methodLabel, endpoint, e);
        span.recordException(e);
        status = sendErrorIfPossible(exchange);
      }
      if (own) {
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
          span.setStatus(StatusCode.ERROR);
        }
      }
    } finally {
      metrics.incrementCounter(
          "request_count",
          "endpoint",
          endpoint,
          "method",
          methodLabel,
          "status",
          Integer.toString(status < 0 ? 500 : status));
      if (own) {
        span.end();
      }
      exchange.close();
    }
  }

  private static int sendErrorIfPossible(HttpExchange exchange) {
    if (exchange.getResponseCode() > 0) {
      return exchange.getResponseCode(); // headers already went out; nothing more to say
    }
    byte[] body = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(500, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException ignored) {
      // the client went away
    }
    return 500;
  }
}
