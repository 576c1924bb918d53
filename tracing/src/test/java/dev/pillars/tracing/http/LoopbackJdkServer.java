package dev.pillars.tracing.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A JDK {@link HttpServer} on an ephemeral loopback port, behind {@code http.jdkFilter()}, for the
 * JDK filter's tests. It reads the request body and answers "hello": 200 for {@code /users/..},
 * {@code /query} and {@code /metrics}, 500 for {@code /boom}, 404 otherwise; {@code /fail} throws.
 */
final class LoopbackJdkServer implements AutoCloseable {

  private final HttpServer server;

  LoopbackJdkServer(HttpServerTracing http) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server
        .createContext(
            "/",
            exchange -> {
              String path = exchange.getRequestURI().getPath();
              if (path.equals("/fail")) {
                throw new IllegalStateException("handler failed");
              }
              exchange.getRequestBody().readAllBytes();
              byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(status(path), body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            })
        .getFilters()
        .add(http.jdkFilter());
    server.start();
  }

  private static int status(String path) {
    if (path.equals("/boom")) {
      return 500;
    }
    return path.startsWith("/users/") || path.equals("/query") || path.equals("/metrics")
        ? 200
        : 404;
  }

  /** The port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
