package dev.pillars.tracing.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry Java agent instruments the JDK server and makes the request's SERVER span
 * before any filter runs. A filter in front of Pillars' stands in for it here (the forked-JVM test
 * in examples runs the real agent).
 */
// issue 13: with the agent, Pillars' SERVER span and all its http_server_* metrics vanished
class JdkServerFilterStandsDownUnderAnotherServerSpan {

  private final TracingFixture fx = new TracingFixture();
  private final HttpServer server;

  JdkServerFilterStandsDownUnderAnotherServerSpan() throws IOException {
    HttpServerTracing http = HttpServerTracing.builder(fx.pillars).route("/query").build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    var context =
        server.createContext(
            "/query",
            exchange -> {
              fx.tracing.pipeline("rag").stage("retrieve").run(() -> {});
              byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            });
    context.getFilters().add(new OtherServerInstrumentation());
    context.getFilters().add(http.jdkFilter());
    context.getFilters().add(http.jdkFilter()); // mounted twice: counted once
    server.start();
  }

  @AfterEach
  void tearDown() {
    server.stop(0);
    fx.close();
  }

  @Test
  void noSecondServerSpanTheMetricsStayAndStagesNestUnderTheOtherSpan() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/query"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }

    // The JDK server sends the answer before the outer filter ends its span: wait for the third.
    Eventually.await(Duration.ofSeconds(5), "three server spans", () -> serverSpans().size() == 3);
    List<SpanData> servers = serverSpans();
    assertThat(servers).hasSize(3).allSatisfy(s -> assertThat(s).hasName("other server span"));
    List<SpanData> stages =
        fx.finished().stream().filter(s -> s.getName().equals("retrieve")).toList();
    assertThat(stages).hasSize(3);
    for (SpanData stage : stages) {
      assertThat(servers).anySatisfy(s -> assertThat(stage).hasParentSpanId(s.getSpanId()));
    }
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "http_server_request_duration_seconds_count\\{[^}]*http_request_method=\"GET\""
                + ",http_response_status_code=\"200\",http_route=\"/query\"[^}]*} 3\n")
        .contains(
            "http_server_active_requests{http_request_method=\"GET\","
                + "otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 0");
  }

  /** Makes a SERVER span current before Pillars' filter runs, as the agent does. */
  private final class OtherServerInstrumentation extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      Span span =
          fx.pillars
              .tracer("other.instrumentation")
              .spanBuilder("other server span")
              .setSpanKind(SpanKind.SERVER)
              .startSpan();
      try (Scope ignored = span.makeCurrent()) {
        chain.doFilter(exchange);
      } finally {
        span.end();
      }
    }

    @Override
    public String description() {
      return "stands in for the Java agent's server instrumentation";
    }
  }

  private List<SpanData> serverSpans() {
    return fx.finished().stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
  }
}
