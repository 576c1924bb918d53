package dev.pillars.tracing.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
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

  private static final String CONTENT_LENGTH = "content-length";

  private final HttpServerTracing tracing;
  private final Instrumenter<HttpExchange, HttpExchange> spans;
  private final HttpServerMeters meters;

  /** A filter for the given instrumentation; {@link HttpServerTracing#jdkFilter()} is shorter. */
  public TracingHttpFilter(HttpServerTracing tracing) {
    this.tracing = tracing;
    HttpExchangeAttributes attributes = new HttpExchangeAttributes(tracing.routes);
    this.spans = tracing.spanInstrumenter(attributes, attributes);
    this.meters = tracing.meters();
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
    // the Java agent's SERVER span is already there: record the metrics, make no second span
    boolean ownSpan =
        !HttpServerTracing.hasServerSpan(parent) && spans.shouldStart(parent, exchange);
    int method = HttpServerMeters.methodIndex(exchange.getRequestMethod());
    boolean https = exchange instanceof HttpsExchange;
    long start = System.nanoTime();
    Context context = ownSpan ? spans.start(parent, exchange) : parent;
    ActiveSeries active = meters.active(method, https);
    active.add(1, context);
    Throwable error = null;
    try (Scope ignored = HttpServerTracing.counted(context).makeCurrent()) {
      chain.doFilter(exchange);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      // metrics before the span ends, as the instrumentation API orders them
      meters.recordEnd(
          context,
          tracing.routes.index(path),
          method,
          https,
          exchange.getResponseCode(),
          error,
          System.nanoTime() - start,
          contentLength(exchange.getRequestHeaders()),
          contentLength(exchange.getResponseHeaders()));
      active.add(-1, context);
      if (ownSpan) {
        spans.end(context, exchange, exchange, error);
      }
    }
  }

  /** The declared body size, or -1 when absent or not a number (then nothing is recorded). */
  private static long contentLength(Headers headers) {
    String value = HeaderLookup.first(headers, CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  /** Shown by {@code HttpContext.getFilters()}. */
  @Override
  public String description() {
    return "Pillars HTTP server spans and metrics";
  }
}
