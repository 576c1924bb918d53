package dev.pillars.tracing.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;

/**
 * A {@code com.sun.net.httpserver} filter that gives each request a SERVER span and the HTTP server
 * metrics; see {@link HttpServerTracing}. The handler's exceptions pass unchanged.
 *
 * <pre>{@code
 * HttpContext ctx = server.createContext("/query", handler);
 * ctx.getFilters().add(http.jdkFilter());
 * }</pre>
 */
public final class TracingHttpFilter extends Filter {

  private final HttpServerTracing tracing;
  private final JdkServerSpans spans;
  private final HttpServerMeters meters;
  private final boolean sizes;

  /** A filter for the given instrumentation; {@link HttpServerTracing#jdkFilter()} is shorter. */
  public TracingHttpFilter(HttpServerTracing tracing) {
    this.tracing = tracing;
    this.spans = tracing.jdkServerSpans();
    this.meters = tracing.meters();
    this.sizes = meters.requestSize != null;
  }

  /** Runs the rest of the chain inside the request's span. */
  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent = Context.current();
    String path = exchange.getRequestURI().getRawPath();
    if (!tracing.traces(path) || HttpServerTracing.alreadyCounted(parent)) {
      chain.doFilter(exchange);
      return;
    }
    ScannedExchange request = new ScannedExchange(exchange, path, tracing.routes);
    // the Java agent's SERVER span is already there: record the metrics, make no second span
    boolean ownSpan = !HttpServerTracing.hasServerSpan(parent) && spans.shouldStart(parent);
    int method = request.method;
    boolean https = request.https;
    long start = System.nanoTime();
    Context context = ownSpan ? spans.start(parent, request) : parent;
    ActiveSeries active = meters.active(method, https); // null: not recorded
    if (active != null) {
      active.add(1, context);
    }
    Throwable error = null;
    // a context of the filter's own span is marked counted already
    try (Scope ignored = (ownSpan ? context : HttpServerTracing.counted(context)).makeCurrent()) {
      chain.doFilter(exchange);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      error = spans.cause(error); // the span and the metrics report the same error.type
      // metrics before the span ends, as the instrumentation API orders them
      meters.recordEnd(
          context,
          request.routeIndex,
          method,
          https,
          request.protocol,
          exchange.getResponseCode(),
          error,
          System.nanoTime() - start,
          sizes ? request.requestBytes() : -1,
          sizes ? request.responseBytes() : -1);
      if (active != null) {
        active.add(-1, context);
      }
      if (ownSpan) {
        spans.end(context, request, error);
      }
    }
  }

  /** Shown by {@code HttpContext.getFilters()}. */
  @Override
  public String description() {
    return "Pillars HTTP server spans and metrics";
  }
}
