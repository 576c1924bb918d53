package dev.pillars.tracing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One request of the JDK server as the HTTP conventions read it, looked up once: its method, path,
 * route, scheme, and the request headers that the semconv extractors and the propagators ask for (a
 * dozen names, most absent), found in one pass over the headers instead of one pass per name (on
 * the JDK server each pass over the request headers allocates: they are an unmodifiable view). The
 * filter and the extractors ask for the same things several times a request (the route, the peer
 * address, which the JDK makes anew on each call, the response's {@code content-length}); each is
 * computed once here.
 *
 * <p>Request headers are the lists the exchange holds, not copies. Other header names are looked up
 * when asked.
 */
final class ScannedExchange {

  private static final String CONTENT_LENGTH = "content-length";

  // the names as the extractors and propagators ask for them (lower case)
  private static final int HOST = 0;
  private static final int AUTHORITY = 1;
  private static final int FORWARDED = 2;
  private static final int X_FORWARDED_FOR = 3;
  private static final int X_FORWARDED_HOST = 4;
  private static final int X_FORWARDED_PROTO = 5;
  private static final int USER_AGENT = 6;
  private static final int REQUEST_LENGTH = 7;
  private static final int TRACEPARENT = 8;
  private static final int TRACESTATE = 9;
  private static final int BAGGAGE = 10;
  private static final String[] NAMES = {
    "host",
    ":authority",
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "user-agent",
    CONTENT_LENGTH,
    "traceparent",
    "tracestate",
    "baggage"
  };

  /**
   * The same names as the JDK's {@code Headers} store them (first letter upper case, the rest lower
   * case: {@code Host}, {@code Content-length}): a request's keys match these with {@code equals},
   * where comparing ignoring case goes character by character once the first letter's case differs.
   */
  private static final String[] STORED = new String[NAMES.length];

  private static final String STORED_CONTENT_LENGTH = stored(CONTENT_LENGTH);

  static {
    for (int i = 0; i < NAMES.length; i++) {
      STORED[i] = stored(NAMES[i]);
    }
  }

  final HttpExchange exchange;
  final String methodName;
  final int method;
  final String path;
  final int routeIndex;
  final String route;
  final boolean https;

  /** The request line's HTTP version, as {@link HttpVersions#index}. */
  final int protocol;

  /** The request headers held here, by slot (null when absent); the lists the exchange holds. */
  private final Object[] found = new Object[NAMES.length];

  private InetSocketAddress peer;
  private boolean peerRead;
  private List<String> responseLength;
  private boolean responseLengthRead;

  ScannedExchange(HttpExchange exchange, String path, RouteTable routes) {
    this.exchange = exchange;
    this.methodName = exchange.getRequestMethod();
    this.method = HttpServerMeters.methodIndex(methodName);
    this.path = path;
    this.routeIndex = routes.index(path);
    this.route = routeIndex < 0 ? null : routes.route(routeIndex);
    this.https = exchange instanceof HttpsExchange;
    this.protocol = HttpVersions.index(exchange.getProtocol());
    for (Map.Entry<String, List<String>> e : exchange.getRequestHeaders().entrySet()) {
      int slot = slot(e.getKey());
      if (slot >= 0 && found[slot] == null) {
        found[slot] = e.getValue();
      }
    }
  }

  /** The values of request header {@code name} (any case), or null when absent. */
  List<String> requestHeader(String name) {
    int slot = slot(name);
    return slot >= 0 ? value(slot) : HeaderLookup.values(exchange.getRequestHeaders(), name);
  }

  /** The values of response header {@code name} (any case), or null when absent. */
  List<String> responseHeader(String name) {
    if (!CONTENT_LENGTH.equalsIgnoreCase(name)) {
      return HeaderLookup.values(exchange.getResponseHeaders(), name);
    }
    if (!responseLengthRead) {
      responseLength =
          HeaderLookup.values(exchange.getResponseHeaders(), STORED_CONTENT_LENGTH, CONTENT_LENGTH);
      responseLengthRead = true;
    }
    return responseLength;
  }

  /** The declared request body size, or -1 when absent or not a number. */
  long requestBytes() {
    return parseLength(value(REQUEST_LENGTH));
  }

  /** The declared response body size, or -1 when absent or not a number. */
  long responseBytes() {
    return parseLength(responseHeader(CONTENT_LENGTH));
  }

  /** The client's socket address; the JDK server makes a new one on every call. */
  InetSocketAddress peer() {
    if (!peerRead) {
      peer = exchange.getRemoteAddress();
      peerRead = true;
    }
    return peer;
  }

  private static long parseLength(List<String> values) {
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return -1;
    }
    try {
      return Long.parseLong(values.get(0));
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  /** The slot of a header name in any case, or -1 for the names not held here. */
  private static int slot(String name) {
    if (name == null) {
      return -1;
    }
    switch (name.length()) {
      case 4:
        return is(name, HOST);
      case 7:
        return is(name, BAGGAGE);
      case 9:
        return is(name, FORWARDED);
      case 10:
        int s = is(name, USER_AGENT);
        if (s < 0) {
          s = is(name, TRACESTATE);
        }
        return s < 0 ? is(name, AUTHORITY) : s;
      case 11:
        return is(name, TRACEPARENT);
      case 14:
        return is(name, REQUEST_LENGTH);
      case 15:
        return is(name, X_FORWARDED_FOR);
      case 16:
        return is(name, X_FORWARDED_HOST);
      case 17:
        return is(name, X_FORWARDED_PROTO);
      default:
        return -1;
    }
  }

  private static int is(String name, int slot) {
    // the extractors and propagators ask with string literals, the same interned strings as NAMES:
    // one reference compare then, instead of comparing up to 17 characters ignoring case; the
    // request's own keys are in the JDK's stored form
    String known = NAMES[slot];
    return known == name || STORED[slot].equals(name) || known.equalsIgnoreCase(name) ? slot : -1;
  }

  /** {@code name} (lower case) as the JDK's {@code Headers} store it. */
  private static String stored(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  @SuppressWarnings("unchecked")
  private List<String> value(int slot) {
    return (List<String>) found[slot];
  }

  /** For tests and logs: which request this is. */
  @Override
  public String toString() {
    return methodName + " " + path;
  }
}
