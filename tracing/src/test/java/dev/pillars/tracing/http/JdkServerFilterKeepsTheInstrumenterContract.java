package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the JDK filter's SERVER span owes the code around it, beyond its attributes (pinned in
 * {@link JdkServerFilterOutputIsPinnedPointByPoint}): the entries the instrumentation API's {@code
 * Instrumenter} puts in the request's context, which frameworks and the Java agent read ({@code
 * LocalRootSpan}, the route that {@code HttpServerRoute.update} renames, the HTTP server span key
 * that suppresses a second server span), suppressed instrumentation, the sampler's view of the
 * start attributes, and errors unwrapped to their cause on the span and the metrics alike.
 */
class JdkServerFilterKeepsTheInstrumenterContract {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final TracingFixture fx = new TracingFixture();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Object> seen = new ConcurrentHashMap<>();
  private HttpServer server;
  private OpenTelemetrySdk ownSdk;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.stop(0);
    }
    if (ownSdk != null) {
      ownSdk.close();
    }
    fx.close();
  }

  /** A loopback server at "/" behind {@code filters} (outermost first) and the JDK filter. */
  private void serve(HttpServerTracing http, HttpHandler handler, Filter... outer)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    var context = server.createContext("/", handler);
    context.getFilters().addAll(List.of(outer));
    context.getFilters().add(http.jdkFilter());
    server.start();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private int get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  private int send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
            .timeout(Duration.ofSeconds(5))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException serverClosedTheConnection) {
      return -1; // the JDK server drops the connection when a handler throws
    }
  }

  private List<SpanData> serverSpans(InMemorySpanExporter exporter) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.SERVER)
        .toList();
  }

  @Test
  void theSpanIsTheLocalRootAndTheHttpServerSpanOfItsContextAndARouteUpdateRenamesIt()
      throws Exception {
    serve(
        HttpServerTracing.builder(fx.pillars).route("/users/{id}").build(),
        exchange -> {
          Context current = Context.current();
          seen.put("current", Span.current().getSpanContext());
          seen.put("localRoot", LocalRootSpan.fromContext(current).getSpanContext());
          Span serverKey = SpanKey.HTTP_SERVER.fromContextOrNull(current);
          seen.put("httpServerKey", serverKey == null ? "none" : serverKey.getSpanContext());
          HttpServerRoute.update(current, HttpServerRouteSource.CONTROLLER, "/items/{id}");
          answer(exchange);
        });

    assertThat(get("/items/9", "traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01"))
        .isEqualTo(200);
    Eventually.await(Duration.ofSeconds(5), "1 server span", () -> fx.finished().size() == 1);

    SpanData span = fx.finished().get(0);
    SpanContext own = span.getSpanContext();
    assertThat(seen.get("current")).isEqualTo(own);
    // a remote parent: the server span still starts the local trace
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(PARENT_ID);
    assertThat(LocalRootSpans.available()).isTrue();
    assertThat(seen.get("localRoot")).isEqualTo(own);
    assertThat(seen.get("httpServerKey")).isEqualTo(own);
    // renamed by the update, and http.route set at the end, as the Instrumenter's extractor does
    assertThat(span.getName()).isEqualTo("GET /items/{id}");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("http.route")))
        .isEqualTo("/items/{id}");
    // the metrics keep the registered routes only: no template, no http_route label
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "http_server_request_duration_seconds_count\\{http_request_method=\"GET\","
                + "http_response_status_code=\"200\",network_protocol_version=\"1.1\",otel_scope_name=\"dev.pillars.tracing.http\","
                + "url_scheme=\"http\"} 1\n");
  }

  @Test
  void suppressedInstrumentationMakesNoSpanAndKeepsTheMetrics() throws Exception {
    Filter suppressing =
        new Filter() {
          @Override
          public void doFilter(HttpExchange exchange, Chain chain) {
            InstrumentationUtil.suppressInstrumentation(
                () -> {
                  try {
                    chain.doFilter(exchange);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
          }

          @Override
          public String description() {
            return "suppresses instrumentation, as exporters do for their own calls";
          }
        };
    List<Boolean> handlerSawASpan = new CopyOnWriteArrayList<>();
    serve(
        HttpServerTracing.builder(fx.pillars).route("/query").build(),
        exchange -> {
          handlerSawASpan.add(Span.current().getSpanContext().isValid());
          answer(exchange);
        },
        suppressing);

    assertThat(get("/query")).isEqualTo(200);
    assertThat(get("/query")).isEqualTo(200);

    // the JDK server answers before the filter records: wait for the second request's count
    Pattern twoCounted =
        Pattern.compile(
            "http_server_request_duration_seconds_count\\{[^}]*http_route=\"/query\"[^}]*} 2\n");
    Eventually.await(
        Duration.ofSeconds(5),
        "two requests counted",
        () -> twoCounted.matcher(fx.pillars.metricsText()).find());
    assertThat(handlerSawASpan).containsExactly(false, false);
    assertThat(fx.finished()).isEmpty();
  }

  @Test
  void theSamplerSeesTheStartAttributesAndAnUnsampledParentRecordsNoSpan() throws Exception {
    List<String> sampled = new CopyOnWriteArrayList<>();
    Sampler recording =
        new Sampler() {
          private final Sampler delegate = Sampler.parentBased(Sampler.alwaysOn());

          @Override
          public SamplingResult shouldSample(
              Context parentContext,
              String traceId,
              String name,
              SpanKind spanKind,
              Attributes attributes,
              List<LinkData> parentLinks) {
            TreeMap<String, Object> keys = new TreeMap<>();
            attributes.forEach(
                (k, v) -> keys.put(k.getKey(), k.getKey().endsWith(".port") ? "*" : v));
            sampled.add(name + " " + spanKind + " " + keys);
            return delegate.shouldSample(
                parentContext, traceId, name, spanKind, attributes, parentLinks);
          }

          @Override
          public String getDescription() {
            return "records what it is asked";
          }
        };
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    ownSdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(recording)
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    serve(
        HttpServerTracing.builder(ownSdk).route("/users/{id}").build(),
        JdkServerFilterKeepsTheInstrumenterContract::answer);

    assertThat(get("/users/1", "User-Agent", "probe/1.0")).isEqualTo(200);
    assertThat(
            get(
                "/users/2",
                "User-Agent",
                "probe/2.0",
                "traceparent",
                "00-" + TRACE_ID + "-" + PARENT_ID + "-00"))
        .isEqualTo(200);
    Eventually.await(
        Duration.ofSeconds(5), "1 server span", () -> !serverSpans(exporter).isEmpty());
    Eventually.await(
        Duration.ofSeconds(5),
        "2 requests measured",
        () ->
            reader.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("http.server.request.duration"))
                .anyMatch(m -> m.getHistogramData().getPoints().iterator().next().getCount() == 2));

    assertThat(sampled)
        .containsExactly(
            "GET /users/{id} SERVER {client.address=127.0.0.1, http.request.method=GET,"
                + " http.route=/users/{id}, server.address=127.0.0.1, server.port=*,"
                + " url.path=/users/1, url.scheme=http, user_agent.original=probe/1.0}",
            "GET /users/{id} SERVER {client.address=127.0.0.1, http.request.method=GET,"
                + " http.route=/users/{id}, server.address=127.0.0.1, server.port=*,"
                + " url.path=/users/2, url.scheme=http, user_agent.original=probe/2.0}");
    // the unsampled parent's request: measured, no span exported
    assertThat(serverSpans(exporter))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getAttributes().get(AttributeKey.stringKey("url.path")))
                    .isEqualTo("/users/1"));
  }

  @Test
  void aWrappedErrorIsItsCauseOnTheSpanAndOnTheMetrics() throws Exception {
    serve(
        HttpServerTracing.builder(fx.pillars).route("/query").build(),
        exchange -> {
          throw new CompletionException(new IllegalArgumentException("bad query"));
        });

    // POST: the client would retry a GET whose connection dropped
    assertThat(send("POST", "/query")).isEqualTo(-1);
    Eventually.await(Duration.ofSeconds(5), "1 server span", () -> fx.finished().size() == 1);

    SpanData span = fx.finished().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.lang.IllegalArgumentException");
    assertThat(span.getEvents())
        .singleElement()
        .satisfies(
            (EventData e) ->
                assertThat(e.getAttributes().get(AttributeKey.stringKey("exception.type")))
                    .isEqualTo("java.lang.IllegalArgumentException"));
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "http_server_request_duration_seconds_count\\{error_type=\"java.lang."
                + "IllegalArgumentException\",http_request_method=\"POST\",http_route=\"/query\"")
        .doesNotContain("CompletionException");
  }
}
