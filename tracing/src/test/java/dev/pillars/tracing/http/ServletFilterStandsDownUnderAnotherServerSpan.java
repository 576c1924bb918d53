package dev.pillars.tracing.http;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** As {@link JdkServerFilterStandsDownUnderAnotherServerSpan}, in a servlet container. */
// issue 13: with the agent, Pillars' SERVER span and all its http_server_* metrics vanished
class ServletFilterStandsDownUnderAnotherServerSpan {

  private final TracingFixture fx = new TracingFixture();
  private final Server jetty = new Server();
  private final ServerConnector connector = new ServerConnector(jetty);

  ServletFilterStandsDownUnderAnotherServerSpan() throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    HttpServerTracing http = HttpServerTracing.builder(fx.pillars).routes("/async/{id}").build();
    Filter other =
        (req, res, chain) -> {
          // the agent's server instrumentation runs before any filter of the application
          Span span =
              fx.pillars
                  .tracer("other.instrumentation")
                  .spanBuilder("other server span")
                  .setSpanKind(SpanKind.SERVER)
                  .startSpan();
          try (Scope ignored = span.makeCurrent()) {
            chain.doFilter(req, res);
          } finally {
            span.end();
          }
        };
    context.addFilter(new FilterHolder(other), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addFilter(
        new FilterHolder(new TracingServletFilter(http)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp) {
                fx.tracing.pipeline("rag").stage("retrieve").run(() -> {});
                AsyncContext async = req.startAsync();
                async.start(
                    () -> {
                      resp.setStatus(202);
                      async.complete();
                    });
              }
            }),
        "/*");
    context.getServletHandler().getServlets()[0].setAsyncSupported(true);
    for (var f : context.getServletHandler().getFilters()) {
      f.setAsyncSupported(true);
    }
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    jetty.stop();
    fx.close();
  }

  @Test
  void anAsyncRequestIsCountedOnceWithoutASecondServerSpan() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/async/" + i))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(202);
    }
    Eventually.await(
        Duration.ofSeconds(5),
        "the async requests counted",
        () ->
            fx.pillars
                .metricsText()
                .matches(
                    "(?s).*http_server_request_duration_seconds_count\\{[^}]*http_route=\"/async/\\{id}\"[^}]*}"
                        + " 2\n"
                        + ".*"));

    Eventually.await(
        Duration.ofSeconds(5),
        "two server spans",
        () -> fx.finished().stream().filter(s -> s.getKind() == SpanKind.SERVER).count() == 2);
    List<SpanData> servers =
        fx.finished().stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
    assertThat(servers).hasSize(2).allSatisfy(s -> assertThat(s).hasName("other server span"));
    for (SpanData stage :
        fx.finished().stream().filter(s -> s.getName().equals("retrieve")).toList()) {
      assertThat(servers).anySatisfy(s -> assertThat(stage).hasParentSpanId(s.getSpanId()));
    }
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "http_server_request_duration_seconds_count\\{[^}]*"
                + "http_response_status_code=\"202\",http_route=\"/async/\\{id}\"[^}]*} 2\n");
  }
}
