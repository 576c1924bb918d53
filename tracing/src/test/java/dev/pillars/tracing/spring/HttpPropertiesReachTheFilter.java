package dev.pillars.tracing.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import dev.pillars.tracing.http.HttpServerTracing;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code pillars.http.experimental-telemetry} reaches the instrumentation the auto-configuration
 * builds: true (the default) records the active-requests and body-size metrics, false only the
 * duration.
 */
class HttpPropertiesReachTheFilter {

  private final TracingFixture fx = new TracingFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void experimentalTelemetryIsOnByDefault() throws Exception {
    String text = serveOneRequest(new PillarsHttpProperties());
    assertThat(text)
        .contains("http_server_request_duration_seconds_count{")
        .contains("http_server_active_requests{")
        .contains("http_server_response_body_size_bytes_count{");
  }

  @Test
  void experimentalTelemetryFalseLeavesOnlyTheDuration() throws Exception {
    PillarsHttpProperties properties = new PillarsHttpProperties();
    properties.setExperimentalTelemetry(false);
    String text = serveOneRequest(properties);
    assertThat(text)
        .contains("http_server_request_duration_seconds_count{")
        .doesNotContain("http_server_active_requests")
        .doesNotContain("body_size");
  }

  /** One GET through a JDK server behind the filter of the configured instrumentation. */
  private String serveOneRequest(PillarsHttpProperties properties) throws Exception {
    HttpServerTracing http =
        new PillarsTracingAutoConfiguration.ServletHttp()
            .pillarsHttpServerTracing(fx.pillars, properties, new StandardEnvironment());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server
        .createContext(
            "/",
            exchange -> {
              byte[] body = "hello".getBytes();
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            })
        .getFilters()
        .add(http.jdkFilter());
    server.start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello");
      client.send(
          HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.discarding());
      Eventually.await(Duration.ofSeconds(5), "the server span", () -> fx.finished().size() >= 1);
    } finally {
      server.stop(0);
    }
    return fx.pillars.metricsText();
  }
}
