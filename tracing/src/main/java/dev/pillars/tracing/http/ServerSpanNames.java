package dev.pillars.tracing.http;

/**
 * The SERVER span names of the HTTP conventions, made once per route and method instead of
 * concatenated on every request: {@code "GET /users/{id}"}, {@code "GET"} without a route, and
 * {@code "HTTP"} in place of a method outside the known nine (or none), exactly as the
 * instrumentation API's {@code HttpSpanNameExtractor} names them.
 */
final class ServerSpanNames {

  private static final String UNKNOWN_METHOD = "HTTP";

  private final String[] names;

  ServerSpanNames(RouteTable routes) {
    int slots = HttpServerMeters.METHOD_SLOTS;
    names = new String[(routes.size() + 1) * slots];
    for (int method = 0; method < slots; method++) {
      String m = method < slots - 1 ? HttpServerMeters.methodName(method) : UNKNOWN_METHOD;
      names[method] = m;
      for (int route = 0; route < routes.size(); route++) {
        names[(route + 1) * slots + method] = m + " " + routes.route(route);
      }
    }
  }

  /** The span's name for {@code request}. */
  String extract(ScannedExchange request) {
    if (request.methodName == null) {
      return UNKNOWN_METHOD;
    }
    return names[(request.routeIndex + 1) * HttpServerMeters.METHOD_SLOTS + request.method];
  }

  /**
   * The method as {@code HttpServerRoute} keeps it for later renames: the request's own when it is
   * one of the known nine, {@code "HTTP"} otherwise.
   */
  String routeMethod(ScannedExchange request) {
    return request.methodName == null ? UNKNOWN_METHOD : names[request.method];
  }
}
