package dev.pillars.tracing.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
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

  private final HttpServerTracing tracing;
  private final Instrumenter<HttpExchange, HttpExchange> instrumenter;
  private final Instrumenter<HttpExchange, HttpExchange> metricsOnly;

  /** A filter for the given instrumentation; {@link HttpServerTracing#jdkFilter()} is shorter. */
  public TracingHttpFilter(HttpServerTracing tracing) {
    this.tracing = tracing;
    HttpExchangeAttributes attributes = new HttpExchangeAttributes(tracing.routes);
    this.instrumenter = tracing.instrumenter(attributes, attributes);
    this.metricsOnly = tracing.metricsOnlyInstrumenter(attributes, attributes);
  }

  /** Runs the rest of the chain inside the request's span. */
  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent = Context.current();
    if (!tracing.traces(exchange.getRequestURI().getRawPath())
        || HttpServerTracing.alreadyCounted(parent)) {
      chain.doFilter(exchange);
      return;
    }
    // the Java agent's SERVER span is already there: record the metrics, make no second span
    boolean ownSpan =
        !HttpServerTracing.hasServerSpan(parent) && instrumenter.shouldStart(parent, exchange);
    Instrumenter<HttpExchange, HttpExchange> using = ownSpan ? instrumenter : metricsOnly;
    Context context = HttpServerTracing.counted(using.start(parent, exchange));
    Throwable error = null;
    try (Scope ignored = (ownSpan ? context : HttpServerTracing.counted(parent)).makeCurrent()) {
      chain.doFilter(exchange);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      using.end(context, exchange, exchange, error);
    }
  }

  /** Shown by {@code HttpContext.getFilters()}. */
  @Override
  public String description() {
    return "Pillars HTTP server spans and metrics";
  }
}
