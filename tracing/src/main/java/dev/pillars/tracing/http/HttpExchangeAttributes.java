package dev.pillars.tracing.http;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the HTTP conventions need from a JDK exchange, which is request and response, read through
 * {@link ScannedExchange} so that each header, the route and the peer are looked up once.
 */
final class HttpExchangeAttributes
    implements HttpServerAttributesGetter<ScannedExchange, ScannedExchange>,
        TextMapGetter<ScannedExchange> {

  /** Status codes above 127 are not in Integer's cache; the extractors ask twice a request. */
  private static final int STATUS_SLOTS = 1000;

  /**
   * Absent headers: the extractors iterate what they get, and this list's iterator is shared where
   * {@code List.of()} makes a new one each time.
   */
  private static final List<String> NO_VALUES = Collections.emptyList();

  private final AtomicReferenceArray<Integer> statuses = new AtomicReferenceArray<>(STATUS_SLOTS);

  /** The text of the last peer address seen: most requests come from the same few clients. */
  private volatile AddressText lastPeer;

  /** The last peer port boxed: the same on every request of a keep-alive connection. */
  private volatile Integer lastPeerPort;

  @Override
  public String getHttpRequestMethod(ScannedExchange request) {
    return request.exchange.getRequestMethod();
  }

  @Override
  public List<String> getHttpRequestHeader(ScannedExchange request, String name) {
    List<String> values = request.requestHeader(name);
    return values == null ? NO_VALUES : values;
  }

  @Override
  public Integer getHttpResponseStatusCode(
      ScannedExchange request, ScannedExchange response, Throwable error) {
    int code = request.exchange.getResponseCode();
    if (code <= 0) {
      return null;
    }
    if (code >= STATUS_SLOTS) {
      return code;
    }
    Integer boxed = statuses.get(code);
    if (boxed == null) {
      boxed = code;
      statuses.lazySet(code, boxed);
    }
    return boxed;
  }

  @Override
  public List<String> getHttpResponseHeader(
      ScannedExchange request, ScannedExchange response, String name) {
    List<String> values = request.responseHeader(name);
    return values == null ? NO_VALUES : values;
  }

  @Override
  public String getUrlScheme(ScannedExchange request) {
    return request.https ? "https" : "http";
  }

  @Override
  public String getUrlPath(ScannedExchange request) {
    return request.path;
  }

  /** Never recorded: query strings often carry user input. */
  @Override
  public String getUrlQuery(ScannedExchange request) {
    return null;
  }

  @Override
  public String getHttpRoute(ScannedExchange request) {
    return request.route;
  }

  @Override
  public String getNetworkProtocolName(ScannedExchange request, ScannedExchange response) {
    return HttpVersions.protocolName(request.protocol);
  }

  @Override
  public String getNetworkProtocolVersion(ScannedExchange request, ScannedExchange response) {
    return HttpVersions.version(request.protocol);
  }

  @Override
  public InetSocketAddress getNetworkPeerInetSocketAddress(
      ScannedExchange request, ScannedExchange response) {
    return request.peer();
  }

  /** As the interface's default does, without a new string for the same client every request. */
  @Override
  public String getNetworkPeerAddress(ScannedExchange request, ScannedExchange response) {
    InetSocketAddress peer = request.peer();
    InetAddress address = peer == null ? null : peer.getAddress();
    if (address == null) {
      return null;
    }
    AddressText last = lastPeer;
    // identity, or equal IPv4 (an IPv6 address's text also carries its scope, which equals ignores)
    if (last != null
        && (last.address == address
            || (address instanceof Inet4Address && address.equals(last.address)))) {
      return last.text;
    }
    String text = address.getHostAddress();
    lastPeer = new AddressText(address, text);
    return text;
  }

  /** As the interface's default does, without a new Integer for the same connection. */
  @Override
  public Integer getNetworkPeerPort(ScannedExchange request, ScannedExchange response) {
    InetSocketAddress peer = request.peer();
    if (peer == null) {
      return null;
    }
    int port = peer.getPort();
    Integer last = lastPeerPort;
    if (last != null && last == port) {
      return last;
    }
    last = port;
    lastPeerPort = last;
    return last;
  }

  @Override
  public InetSocketAddress getNetworkLocalInetSocketAddress(
      ScannedExchange request, ScannedExchange response) {
    return request.exchange.getLocalAddress();
  }

  @Override
  public Iterable<String> keys(ScannedExchange request) {
    return request.exchange.getRequestHeaders().keySet();
  }

  @Override
  public String get(ScannedExchange request, String key) {
    if (request == null) {
      return null;
    }
    List<String> values = request.requestHeader(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** An address and its text, replaced together. */
  private record AddressText(InetAddress address, String text) {}
}
