package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code experimentalTelemetry(false)}: both filters record what OpenTelemetry's instrumentation
 * records by default, the duration histogram and the stable span attributes, and nothing the
 * conventions still mark experimental (active requests, body sizes); everything stable is as with
 * the default, which {@code JdkServerFilterOutputIsPinnedPointByPoint} pins.
 */
class ExperimentalTelemetryCanBeTurnedOff {

  private static final List<String> BODY_SIZE_ATTRIBUTES =
      List.of("http.request.body.size", "http.response.body.size");

  private final TracingFixture fx = new TracingFixture();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final HttpServerTracing stableOnly =
      HttpServerTracing.builder(fx.pillars)
          .route("/users/{id}")
          .route("/query")
          .experimentalTelemetry(false)
          .build();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void theJdkFilterRecordsOnlyTheDurationAndTheStableSpanAttributes() throws Exception {
    try (LoopbackJdkServer server = new LoopbackJdkServer(stableOnly)) {
      send(server.port(), "GET", "/users/42", null);
      send(server.port(), "POST", "/query", "what is rag?");
      send(server.port(), "GET", "/boom", null);
      Eventually.await(Duration.ofSeconds(5), "3 server spans", () -> fx.finished().size() >= 3);
    }
    assertStableOnly(3);
  }

  @Test
  void theServletFilterRecordsOnlyTheDurationAndTheStableSpanAttributes() throws Exception {
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new TracingServletFilter(stableOnly)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                req.getInputStream().readAllBytes();
                byte[] body = "hello".getBytes();
                resp.setStatus(req.getRequestURI().equals("/boom") ? 500 : 200);
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
              }
            }),
        "/*");
    jetty.setHandler(context);
    jetty.start();
    try {
      send(connector.getLocalPort(), "GET", "/users/42", null);
      send(connector.getLocalPort(), "POST", "/query", "what is rag?");
      send(connector.getLocalPort(), "GET", "/boom", null);
      Eventually.await(Duration.ofSeconds(5), "3 server spans", () -> fx.finished().size() >= 3);
    } finally {
      jetty.stop();
    }
    assertStableOnly(3);
  }

  private void assertStableOnly(int requests) {
    List<MetricData> http =
        fx.reader.collectAllMetrics().stream()
            .filter(
                m -> m.getInstrumentationScopeInfo().getName().equals("dev.pillars.tracing.http"))
            .collect(Collectors.toList());
    assertThat(http)
        .extracting(MetricData::getName)
        .containsExactly("http.server.request.duration");
    long count =
        http.get(0).getHistogramData().getPoints().stream()
            .mapToLong(HistogramPointData::getCount)
            .sum();
    assertThat(count).isEqualTo(requests);
    assertThat(fx.pillars.metricsText())
        .contains("http_server_request_duration_seconds_count{")
        .doesNotContain("http_server_active_requests")
        .doesNotContain("body_size");

    assertThat(fx.finished()).hasSize(requests);
    for (SpanData span : fx.finished()) {
      Map<String, Object> attributes =
          span.getAttributes().asMap().entrySet().stream()
              .collect(Collectors.toMap(e -> e.getKey().getKey(), Map.Entry::getValue));
      assertThat(attributes)
          .as(span.getName())
          .doesNotContainKeys(BODY_SIZE_ATTRIBUTES.toArray(new String[0]))
          .containsKeys(
              "http.request.method",
              "http.response.status_code",
              "url.path",
              "url.scheme",
              "client.address",
              "server.address");
    }
    SpanData query =
        fx.finished().stream().filter(s -> s.getName().equals("POST /query")).findFirst().get();
    assertThat(query.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/query");
  }

  private void send(int port, String method, String path, String body) throws Exception {
    LoopbackRequests.send(client, port, method, path, body);
  }
}
