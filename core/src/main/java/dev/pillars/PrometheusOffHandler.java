package dev.pillars;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What {@link Pillars#metricsHandler()} serves when the Prometheus exporter is off: 503 and a line
 * that names the fix, instead of an exception at start-up.
 */
final class PrometheusOffHandler implements HttpHandler {

  static final String MESSAGE =
      "Pillars' Prometheus exporter is off: add 'prometheus' to OTEL_METRICS_EXPORTER (or"
          + " Pillars.builder().metricsExporters(\"prometheus\", ...)). Under the OpenTelemetry"
          + " Java agent, put settings meant for the agent alone, such as"
          + " otel.metrics.exporter=none, in -Dotel.javaagent.configuration-file=FILE: OTEL_*"
          + " variables reach Pillars too.\n";

  private static final byte[] BODY = MESSAGE.getBytes(StandardCharsets.UTF_8);

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
      exchange.sendResponseHeaders(503, head ? -1 : BODY.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(BODY);
        }
      }
    }
  }
}
