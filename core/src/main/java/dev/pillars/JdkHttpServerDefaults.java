package dev.pillars;

/**
 * The {@code sun.net.httpserver.*} system properties that Pillars sets before it creates the {@code
 * /metrics} server, each only when the user has not set it.
 *
 * <p>The JDK reads these once, when its HTTP server classes initialise (at the first {@code
 * HttpServer.create} in the JVM), and applies them to every JDK HTTP server of the process. So a
 * value here takes effect only if Pillars starts before any other JDK HTTP server, and then also
 * applies to the application's own; pass {@code -Dsun.net.httpserver.nodelay=false} (or {@code
 * true}) to decide yourself, which Pillars never overrides.
 *
 * <ul>
 *   <li>{@code nodelay=true}: without it every response on a keep-alive connection waits for the
 *       peer's delayed ACK (about 40 ms on Linux), which Prometheus' keep-alive scrapes would pay.
 * </ul>
 *
 * The other limits are left to the JDK: the request and response deadlines are Pillars' own ({@link
 * ExchangeDeadlines}, for its server alone, rather than the JVM-wide {@code maxReqTime} and {@code
 * maxRspTime}); idle keep-alive connections hold no thread and close after {@code idleInterval} (30
 * s), at most {@code maxIdleConnections} (200) of them.
 */
final class JdkHttpServerDefaults {

  static final String NODELAY = "sun.net.httpserver.nodelay";

  private JdkHttpServerDefaults() {}

  static void applyUnlessSet() {
    System.getProperties().putIfAbsent(NODELAY, "true");
  }
}
