package dev.pillars;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.DefaultHandler;
import io.prometheus.metrics.exporter.httpserver.HealthyHandler;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code /metrics} HTTP endpoint that Prometheus scrapes: client_java's handlers (text 0.0.4,
 * OpenMetrics with exemplars, gzip, {@code ?name[]=} filtering; {@code /-/healthy}) on the JDK's
 * HTTP server. Binds where it is told, loopback by default; every thread it runs is a daemon, so it
 * never keeps the JVM alive.
 *
 * <p>Slow clients cannot stall scrapes. The JDK server reads each request head (and writes each
 * answer) on a worker thread in blocking mode, so a client that sends half a request, or never
 * reads, holds a worker: workers are made on demand up to {@value #MAX_WORKERS}; each request head
 * must arrive within {@link #HEADER_TIMEOUT} and each answer be taken within {@link
 * #RESPONSE_TIMEOUT}, or the connection is dropped ({@link ExchangeDeadlines}); when every worker
 * is busy a new connection is closed rather than run on the server's dispatcher thread (which would
 * stop it accepting anyone). The listen backlog is {@value #BACKLOG} (client_java's own server uses
 * 3). {@link JdkHttpServerDefaults} turns TCP_NODELAY on unless the user chose.
 */
final class PrometheusEndpoint implements AutoCloseable {

  /**
   * Connections the kernel holds until the server accepts them (capped by {@code
   * net.core.somaxconn}): the JDK dispatcher accepts one per pass of its loop, so a burst of new
   * connections queues here; when it is full, new ones wait for a SYN retry (1 s) or fail.
   */
  static final int BACKLOG = 1024;

  /** Requests served at once, slow ones included; past this a new connection is closed. */
  static final int MAX_WORKERS = 200;

  /** How long a client may take to send the request line and headers. */
  static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How long one answer may take, reading by the client included: longer than any scrape timeout a
   * Prometheus would use (its default is 10 s, its interval 1 min).
   */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  private final HttpServer server;
  private final ExchangeDeadlines executor;

  private PrometheusEndpoint(HttpServer server, ExchangeDeadlines executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the endpoint.
   *
   * @param auth basic-auth credentials, or null for no authentication
   * @throws PillarsConfigurationException when the address cannot be bound
   */
  static PrometheusEndpoint start(
      PrometheusRegistry registry, String host, int port, PrometheusBasicAuth auth) {
    return start(registry, host, port, auth, HEADER_TIMEOUT, RESPONSE_TIMEOUT);
  }

  static PrometheusEndpoint start(
      PrometheusRegistry registry,
      String host,
      int port,
      PrometheusBasicAuth auth,
      Duration headerTimeout,
      Duration responseTimeout) {
    JdkHttpServerDefaults.applyUnlessSet();
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor workers =
        new ThreadPoolExecutor(
            0,
            MAX_WORKERS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "pillars-prometheus-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    ExchangeDeadlines executor =
        new ExchangeDeadlines(
            workers, headerTimeout, responseTimeout, "pillars-prometheus-deadlines");
    // The JDK's HTTP server starts its dispatcher thread as a non-daemon unless the thread that
    // starts it is a daemon: start it from one, so an application that forgets close() can exit.
    AtomicReference<Object> result = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                result.set(create(registry, host, port, auth, executor));
              } catch (IOException | RuntimeException e) {
                result.set(e);
              }
            },
            "pillars-prometheus-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.close();
      throw new PillarsConfigurationException(
          "interrupted while starting the Prometheus endpoint", e);
    }
    Object outcome = result.get();
    if (outcome instanceof HttpServer) {
      return new PrometheusEndpoint((HttpServer) outcome, executor);
    }
    executor.close();
    Throwable failure = (Throwable) outcome;
    String where = host + ":" + port;
    if (failure instanceof BindException || hasCause(failure, BindException.class)) {
      throw new PillarsConfigurationException(
          "The Prometheus endpoint cannot listen on "
              + where
              + " ("
              + failure.getMessage()
              + "): the port is in use or the host is not local. Choose a free port with"
              + " OTEL_EXPORTER_PROMETHEUS_PORT (system property otel.exporter.prometheus.port,"
              + " or Pillars.Builder.prometheusPort(int); 0 picks a free one), or the address with"
              + " OTEL_EXPORTER_PROMETHEUS_HOST.",
          failure);
    }
    throw new PillarsConfigurationException(
        "The Prometheus endpoint cannot start on " + where + ": " + failure, failure);
  }

  private static HttpServer create(
      PrometheusRegistry registry,
      String host,
      int port,
      PrometheusBasicAuth auth,
      ExchangeDeadlines executor)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), BACKLOG);
    server.setExecutor(executor);
    mount(server, "/", new DefaultHandler("/metrics"), auth, executor);
    mount(server, "/metrics", new MetricsHandler(registry), auth, executor);
    mount(server, "/-/healthy", new HealthyHandler(), auth, executor);
    server.start();
    return server;
  }

  private static void mount(
      HttpServer server,
      String path,
      HttpHandler handler,
      PrometheusBasicAuth auth,
      ExchangeDeadlines executor) {
    HttpContext context = server.createContext(path, handler);
    context.getFilters().add(executor.headersRead());
    if (auth != null) {
      context.setAuthenticator(auth.authenticator());
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  /** The bound address (with the real port when 0 was asked for). */
  InetSocketAddress address(String host) {
    return new InetSocketAddress(host, server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
