package dev.pillars.tracing.http;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;

/** What the HTTP conventions need from a servlet request and response. */
final class ServletRequestAttributes
    implements HttpServerAttributesGetter<HttpServletRequest, HttpServletResponse>,
        TextMapGetter<HttpServletRequest> {

  private final RouteTable routes;

  ServletRequestAttributes(RouteTable routes) {
    this.routes = routes;
  }

  static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return uri == null ? "/" : uri;
  }

  @Override
  public String getHttpRequestMethod(HttpServletRequest request) {
    return request.getMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(HttpServletRequest request, String name) {
    return Collections.list(request.getHeaders(name));
  }

  @Override
  public Integer getHttpResponseStatusCode(
      HttpServletRequest request, HttpServletResponse response, Throwable error) {
    if (response == null) {
      return null;
    }
    int status = response.getStatus();
    // the container turns an escaped exception into a 500 after the filter has returned
    return error != null && status < 400 && !response.isCommitted() ? 500 : status;
  }

  @Override
  public List<String> getHttpResponseHeader(
      HttpServletRequest request, HttpServletResponse response, String name) {
    return response == null ? List.of() : List.copyOf(response.getHeaders(name));
  }

  @Override
  public String getNetworkProtocolName(HttpServletRequest request, HttpServletResponse response) {
    return HttpVersions.protocolName(HttpVersions.index(request.getProtocol()));
  }

  @Override
  public String getNetworkProtocolVersion(
      HttpServletRequest request, HttpServletResponse response) {
    return HttpVersions.version(HttpVersions.index(request.getProtocol()));
  }

  @Override
  public String getUrlScheme(HttpServletRequest request) {
    return request.getScheme();
  }

  @Override
  public String getUrlPath(HttpServletRequest request) {
    return path(request);
  }

  /** Never recorded: query strings often carry user input. */
  @Override
  public String getUrlQuery(HttpServletRequest request) {
    return null;
  }

  @Override
  public String getHttpRoute(HttpServletRequest request) {
    return routes.match(path(request));
  }

  @Override
  public String getNetworkPeerAddress(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemoteAddr();
  }

  @Override
  public Integer getNetworkPeerPort(HttpServletRequest request, HttpServletResponse response) {
    return request.getRemotePort();
  }

  @Override
  public Iterable<String> keys(HttpServletRequest request) {
    return Collections.list(request.getHeaderNames());
  }

  @Override
  public String get(HttpServletRequest request, String key) {
    return request == null ? null : request.getHeader(key);
  }
}
