package dev.pillars.tracing.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdkServerFilterRecordsHttpSemconv {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final TracingFixture fx = new TracingFixture();
  private final LoopbackJdkServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  JdkServerFilterRecordsHttpSemconv() throws IOException {
    server =
        new LoopbackJdkServer(
            HttpServerTracing.builder(fx.pillars).route("/users/{id}").route("/query").build());
  }

  @AfterEach
  void tearDown() {
    server.close();
    fx.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
  }

  private void awaitSpans(int n) {
    Eventually.await(Duration.ofSeconds(5), n + " server spans", () -> fx.finished().size() >= n);
  }

  @Test
  void serverSpanContinuesIncomingTraceparentAndIsNamedByRoute() throws Exception {
    HttpResponse<String> r =
        send(
            request("/users/42?secret=token")
                .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"));
    assertThat(r.statusCode()).isEqualTo(200);
    awaitSpans(1);

    SpanData span = fx.finished().get(0);
    assertThat(span)
        .hasName("GET /users/{id}")
        .hasKind(SpanKind.SERVER)
        .hasTraceId(TRACE_ID)
        .hasParentSpanId(PARENT_ID)
        .hasAttribute(AttributeKey.stringKey("http.request.method"), "GET")
        .hasAttribute(AttributeKey.stringKey("http.route"), "/users/{id}")
        .hasAttribute(AttributeKey.longKey("http.response.status_code"), 200L)
        .hasAttribute(AttributeKey.stringKey("url.path"), "/users/42")
        .hasAttribute(AttributeKey.stringKey("url.scheme"), "http");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.query"))).isNull();
  }

  /** Sends {@code GET path} with {@code protocol} on its request line over a raw socket. */
  private String rawGet(String path, String protocol) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      String request =
          "GET " + path + " " + protocol + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }

  @Test
  void theHttpVersionIsRecordedWhenKnownAndLeftOutWhenAClientMakesOneUp() throws Exception {
    // the JDK server hands the request line's protocol text to the exchange as the client sent it
    assertThat(rawGet("/users/1", "HTTP/1.0")).startsWith("HTTP/1.1 200");
    assertThat(rawGet("/users/2", "HTTP/1.7")).startsWith("HTTP/1.1 200");
    assertThat(rawGet("/users/3", "HTTP/" + UUID.randomUUID())).startsWith("HTTP/1.1 200");
    send(request("/users/4"));
    awaitSpans(4);

    AttributeKey<String> version = AttributeKey.stringKey("network.protocol.version");
    assertThat(fx.finished())
        .extracting(
            span ->
                span.getAttributes().get(AttributeKey.stringKey("url.path"))
                    + " "
                    + span.getAttributes().get(version))
        .containsExactlyInAnyOrder(
            "/users/1 1.0", "/users/2 null", "/users/3 null", "/users/4 1.1");
    String text = fx.pillars.metricsText();
    assertThat(text)
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.0\","
                + "otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 1")
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 2")
        .doesNotContain("network_protocol_version=\"1.7\"");
    // no series takes its version from the client: the only versions are the two sent as HTTP
    Matcher versions = Pattern.compile("network_protocol_version=\"([^\"]*)\"").matcher(text);
    Set<String> seen = new TreeSet<>();
    while (versions.find()) {
      seen.add(versions.group(1));
    }
    assertThat(seen).containsExactly("1.0", "1.1");
  }

  @Test
  void metricsUseTheContractNamesAndLabels() throws Exception {
    send(request("/users/42"));
    send(request("/query").POST(HttpRequest.BodyPublishers.ofString("what is rag?")));
    awaitSpans(2);

    String text = fx.pillars.metricsText();
    assertThat(text)
        .contains("# TYPE http_server_request_duration_seconds histogram")
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 1")
        .contains(
            "http_server_request_duration_seconds_bucket{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\",le=\"0.005\"}")
        .contains("le=\"10.0\"")
        .contains(
            "http_server_active_requests{http_request_method=\"GET\","
                + "otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 0")
        .contains(
            "http_server_request_body_size_bytes_sum{http_request_method=\"POST\","
                + "http_response_status_code=\"200\",http_route=\"/query\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 12.0")
        .contains(
            "http_server_response_body_size_bytes_sum{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 5.0");
  }

  @Test
  void exemplarsCarryTheTraceButNotThePathOrTheClient() throws Exception {
    // a short path: the OpenMetrics limit of 128 characters per exemplar would not stop it
    send(request("/users/42"));
    awaitSpans(1);
    SpanData span = fx.finished().get(0);

    String labels = null;
    for (String line : fx.pillars.openMetricsText().split("\n")) {
      int at = line.indexOf(" # {");
      if (line.startsWith("http_server_request_duration_seconds_bucket") && at > 0) {
        labels = line.substring(at + 3, line.indexOf('}', at) + 1);
      }
    }
    // the span holds url.path, client.address and user_agent.original; the exemplar links to it
    // and repeats none of them into Prometheus' exemplar storage
    assertThat(labels)
        .as("the labels of the request's exemplar")
        .isEqualTo("{span_id=\"" + span.getSpanId() + "\",trace_id=\"" + span.getTraceId() + "\"}");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/users/42");
  }

  @Test
  void failingHandlerIsAnErrorWithErrorType() throws Exception {
    try {
      send(request("/fail"));
    } catch (IOException serverClosedTheConnection) {
      // the JDK server drops the connection when a handler throws
    }
    awaitSpans(1);
    assertThat(fx.finished().get(0))
        .hasStatus(StatusData.error())
        .hasAttribute(AttributeKey.stringKey("error.type"), "java.lang.IllegalStateException");
    assertThat(fx.pillars.metricsText()).contains("error_type=\"java.lang.IllegalStateException\"");
  }

  @Test
  void excludedPathsAreNotInstrumented() throws Exception {
    send(request("/metrics"));
    send(request("/health"));
    send(request("/users/1"));
    awaitSpans(1);
    assertThat(fx.finished()).extracting(SpanData::getName).containsExactly("GET /users/{id}");
  }

  @Test
  void unknownMethodsBecomeOther() throws Exception {
    send(request("/users/7").method("BREW", HttpRequest.BodyPublishers.noBody()));
    awaitSpans(1);
    assertThat(fx.finished().get(0))
        .hasAttribute(AttributeKey.stringKey("http.request.method"), "_OTHER")
        .hasAttribute(AttributeKey.stringKey("http.request.method_original"), "BREW");
    assertThat(fx.pillars.metricsText())
        .contains("http_request_method=\"_OTHER\"")
        .doesNotContain("BREW");
  }

  @Test
  void tenThousandRandomPathsShareOneSeries() throws Exception {
    for (int i = 0; i < 10_000; i++) {
      send(request("/scan/" + UUID.randomUUID()));
    }
    awaitSpans(10_000);

    String text = fx.pillars.metricsText();
    Matcher m =
        Pattern.compile("(?m)^http_server_request_duration_seconds_count\\{([^}]*)} (\\d+)")
            .matcher(text);
    int series = 0;
    while (m.find()) {
      series++;
      assertThat(m.group(1)).doesNotContain("/scan/");
      assertThat(m.group(2)).isEqualTo("10000");
    }
    assertThat(series).isEqualTo(1);
    assertThat(text).doesNotContain("/scan/");
  }
}
