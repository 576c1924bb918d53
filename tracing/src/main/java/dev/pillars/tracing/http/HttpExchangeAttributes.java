package dev.pillars.tracing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the HTTP conventions need from a JDK {@link HttpExchange}, which is request and response.
 */
final class HttpExchangeAttributes
    implements HttpServerAttributesGetter<HttpExchange, HttpExchange>, TextMapGetter<HttpExchange> {

  private final RouteTable routes;

  HttpExchangeAttributes(RouteTable routes) {
    this.routes = routes;
  }

  @Override
  public String getHttpRequestMethod(HttpExchange exchange) {
    return exchange.getRequestMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpExchange exchange, String name) {
    List<String> values = HeaderLookup.values(exchange.getRequestHeaders(), name);
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
    List<String> values = HeaderLookup.values(exchange.getResponseHeaders(), name);
    return values == null ? List.of() : values;
  }

  @Override
  public String getUrlScheme(HttpExchange exchange) {
    return exchange instanceof HttpsExchange ? "https" : "http";
  }

  @Override
  public String getUrlPath(HttpExchange exchange) {
    return exchange.getRequestURI().getRawPath();
  }

  /** Never recorded: query strings often carry user input. */
  @Override
  public String getUrlQuery(HttpExchange exchange) {
    return null;
  }

  @Override
  public String getHttpRoute(HttpExchange exchange) {
    return routes.match(exchange.getRequestURI().getRawPath());
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
    return exchange == null ? null : HeaderLookup.first(exchange.getRequestHeaders(), key);
  }
}
