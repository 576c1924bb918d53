package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.http.HttpExperimentalAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.http.HttpServerExperimentalMetrics;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The anchor: OpenTelemetry's instrumentation API used by hand on the JDK server, an {@link
 * Instrumenter} with the semconv HTTP extractors and the same four metrics Pillars records
 * (duration, active requests, request and response body sizes), for one fixed route. This is what
 * the library would cost if a user wrote it themselves.
 */
final class RawInstrumenterFilter extends Filter {

  private final Instrumenter<HttpExchange, HttpExchange> instrumenter;

  RawInstrumenterFilter(OpenTelemetry openTelemetry, String route) {
    Getter getter = new Getter(route);
    this.instrumenter =
        Instrumenter.<HttpExchange, HttpExchange>builder(
                openTelemetry, "raw-instrumenter", HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
            .addAttributesExtractor(HttpExperimentalAttributesExtractor.create(getter))
            .addContextCustomizer(HttpServerRoute.create(getter))
            .addOperationMetrics(HttpServerMetrics.get())
            .addOperationMetrics(HttpServerExperimentalMetrics.get())
            .buildServerInstrumenter(getter);
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent = Context.current();
    if (!instrumenter.shouldStart(parent, exchange)) {
      chain.doFilter(exchange);
      return;
    }
    Context context = instrumenter.start(parent, exchange);
    Throwable error = null;
    try (Scope ignored = context.makeCurrent()) {
      chain.doFilter(exchange);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      instrumenter.end(context, exchange, exchange, error);
    }
  }

  @Override
  public String description() {
    return "OpenTelemetry instrumentation API by hand";
  }

  private static final class Getter
      implements HttpServerAttributesGetter<HttpExchange, HttpExchange>,
          TextMapGetter<HttpExchange> {

    private final String route;

    Getter(String route) {
      this.route = route;
    }

    @Override
    public String getHttpRequestMethod(HttpExchange exchange) {
      return exchange.getRequestMethod();
    }

    @Override
    public List<String> getHttpRequestHeader(HttpExchange exchange, String name) {
      List<String> values = exchange.getRequestHeaders().get(name);
      return values == null ? List.of() : values;
    }

    @Override
    public Integer getHttpResponseStatusCode(
        HttpExchange exchange, HttpExchange response, Throwable error) {
      int code = exchange.getResponseCode();
      return code > 0 ? code : null;
    }

    @Override
    public List<String> getHttpResponseHeader(
        HttpExchange exchange, HttpExchange response, String name) {
      List<String> values = exchange.getResponseHeaders().get(name);
      return values == null ? List.of() : values;
    }

    @Override
    public String getUrlScheme(HttpExchange exchange) {
      return "http";
    }

    @Override
    public String getUrlPath(HttpExchange exchange) {
      return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String getUrlQuery(HttpExchange exchange) {
      return null;
    }

    @Override
    public String getHttpRoute(HttpExchange exchange) {
      return route;
    }

    @Override
    public InetSocketAddress getNetworkPeerInetSocketAddress(
        HttpExchange exchange, HttpExchange response) {
      return exchange.getRemoteAddress();
    }

    @Override
    public InetSocketAddress getNetworkLocalInetSocketAddress(
        HttpExchange exchange, HttpExchange response) {
      return exchange.getLocalAddress();
    }

    @Override
    public Iterable<String> keys(HttpExchange exchange) {
      return exchange.getRequestHeaders().keySet();
    }

    @Override
    public String get(HttpExchange exchange, String key) {
      return exchange == null ? null : exchange.getRequestHeaders().getFirst(key);
    }
  }
}
