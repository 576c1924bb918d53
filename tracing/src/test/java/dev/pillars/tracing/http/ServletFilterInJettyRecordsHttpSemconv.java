package dev.pillars.tracing.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServletFilterInJettyRecordsHttpSemconv {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final TracingFixture fx = new TracingFixture();
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServletFilterInJettyRecordsHttpSemconv() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    HttpServerTracing http =
        HttpServerTracing.builder(fx.pillars).routes("/users/{id}", "/async/{id}").build();
    context.addFilter(
        new FilterHolder(new TracingServletFilter(http)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp)
                  throws IOException {
                String path = req.getRequestURI();
                if (path.equals("/fail")) {
                  throw new IllegalStateException("servlet failed");
                }
                if (path.startsWith("/async/")) {
                  AsyncContext async = req.startAsync();
                  async.start(
                      () -> {
                        resp.setStatus(202);
                        async.complete();
                      });
                  return;
                }
                byte[] body = "hello".getBytes();
                resp.setStatus(path.startsWith("/users/") || path.equals("/health") ? 200 : 404);
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
              }
            }),
        "/*");
    context.getServletHandler().getServlets()[0].setAsyncSupported(true);
    context.getServletHandler().getFilters()[0].setAsyncSupported(true);
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    jetty.stop();
    fx.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
            .timeout(Duration.ofSeconds(5));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void awaitSpans(int n) {
    Eventually.await(Duration.ofSeconds(5), n + " server spans", () -> fx.finished().size() >= n);
  }

  @Test
  void serverSpanAndMetricsFollowTheConventions() throws Exception {
    get("/users/42", "traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    awaitSpans(1);

    assertThat(fx.finished().get(0))
        .hasName("GET /users/{id}")
        .hasKind(SpanKind.SERVER)
        .hasTraceId(TRACE_ID)
        .hasAttribute(AttributeKey.stringKey("http.route"), "/users/{id}")
        .hasAttribute(AttributeKey.longKey("http.response.status_code"), 200L);
    assertThat(fx.pillars.metricsText())
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 1")
        .contains(
            "http_server_response_body_size_bytes_sum{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",http_route=\"/users/{id}\","
                + "network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 5.0")
        .contains(
            "http_server_active_requests{http_request_method=\"GET\","
                + "otel_scope_name=\"dev.pillars.tracing.http\",url_scheme=\"http\"} 0");
  }

  @Test
  void asyncRequestEndsWhenItsAsyncContextCompletes() throws Exception {
    assertThat(get("/async/9").statusCode()).isEqualTo(202);
    awaitSpans(1);
    assertThat(fx.finished().get(0))
        .hasName("GET /async/{id}")
        .hasAttribute(AttributeKey.longKey("http.response.status_code"), 202L);
  }

  @Test
  void escapedExceptionIsA500WithTheExceptionRecorded() throws Exception {
    assertThat(get("/fail").statusCode()).isEqualTo(500);
    awaitSpans(1);
    // the conventions prefer the status code as error.type once there is one
    assertThat(fx.finished().get(0))
        .hasStatus(StatusData.error())
        .hasAttribute(AttributeKey.stringKey("error.type"), "500")
        .hasEventsSatisfyingExactly(e -> e.hasName("exception"));
  }

  @Test
  void unknownPathsHaveNoRouteAndExcludedPathsNoSpan() throws Exception {
    get("/health");
    get("/nope/1");
    get("/nope/2");
    awaitSpans(2);
    assertThat(fx.finished()).extracting(SpanData::getName).containsExactly("GET", "GET");
    assertThat(fx.pillars.metricsText())
        .contains(
            "http_server_request_duration_seconds_count{http_request_method=\"GET\","
                + "http_response_status_code=\"404\",network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\","
                + "url_scheme=\"http\"} 2")
        .doesNotContain("/nope");
  }
}
