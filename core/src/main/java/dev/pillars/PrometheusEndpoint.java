package dev.pillars;

import com.sun.net.httpserver.BasicAuthenticator;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code /metrics} HTTP endpoint that Prometheus scrapes, served by client_java's HTTP server
 * (text 0.0.4, OpenMetrics with exemplars, gzip, {@code ?name[]=} filtering). Binds where it is
 * told, loopback by default; every thread it runs is a daemon, so it never keeps the JVM alive.
 */
final class PrometheusEndpoint implements AutoCloseable {

  private final HTTPServer server;
  private final ExecutorService executor;

  private PrometheusEndpoint(HTTPServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts the endpoint.
   *
   * @param username basic-auth user, or null for no authentication
   * @throws PillarsConfigurationException when the address cannot be bound
   */
  static PrometheusEndpoint start(
      PrometheusRegistry registry, String host, int port, String username, String password) {
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        new ThreadPoolExecutor(
            1,
            4,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "pillars-prometheus-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    HTTPServer.Builder builder =
        HTTPServer.builder()
            .hostname(host)
            .port(port)
            .registry(registry)
            .executorService(executor);
    if (username != null) {
      builder.authenticator(new ConstantTimeBasicAuth(username, password));
    }
    // The JDK's HTTP server starts its dispatcher thread as a non-daemon unless the thread that
    // starts it is a daemon: start it from one, so an application that forgets close() can exit.
    AtomicReference<Object> result = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                result.set(builder.buildAndStart());
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
      executor.shutdownNow();
      throw new PillarsConfigurationException("interrupted while starting the Prometheus endpoint", e);
    }
    Object outcome = result.get();
    if (outcome instanceof HTTPServer) {
      return new PrometheusEndpoint((HTTPServer) outcome, executor);
    }
    executor.shutdownNow();
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
              + " or PillarsBuilder.prometheusPort(int); 0 picks a free one), or the address with"
              + " OTEL_EXPORTER_PROMETHEUS_HOST.",
          failure);
    }
    throw new PillarsConfigurationException(
        "The Prometheus endpoint cannot start on " + where + ": " + failure, failure);
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
    return new InetSocketAddress(host, server.getPort());
  }

  @Override
  public void close() {
    server.close();
    executor.shutdownNow();
  }

  /** Basic authentication that compares in constant time, so timing does not leak the secret. */
  private static final class ConstantTimeBasicAuth extends BasicAuthenticator {
    private final byte[] user;
    private final byte[] password;

    ConstantTimeBasicAuth(String user, String password) {
      super("metrics", StandardCharsets.UTF_8);
      this.user = user.getBytes(StandardCharsets.UTF_8);
      this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String username, String pass) {
      boolean userOk = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
      boolean passOk = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
      return userOk & passOk;
    }
  }
}
