package dev.pillars.tracing.http;

import dev.pillars.AgentMode;
import dev.pillars.Pillars;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.http.HttpExperimentalAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.http.HttpServerExperimentalMetrics;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesGetter;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerMetrics;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanNameExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * HTTP server instrumentation, configured once and shared by the server filters: {@link
 * TracingHttpFilter} for the JDK's {@code com.sun.net.httpserver.HttpServer} and {@link
 * TracingServletFilter} for Jakarta Servlet containers.
 *
 * <p>Each request that is not excluded gets a SERVER span (continuing an incoming {@code
 * traceparent}) named {@code "GET /users/{id}"}, and the OpenTelemetry HTTP metrics: {@code
 * http_server_request_duration_seconds} (buckets 5 ms to 10 s), {@code
 * http_server_active_requests}, {@code http_server_request_body_size_bytes} and {@code
 * http_server_response_body_size_bytes}, labelled by {@code http_request_method}, {@code
 * http_route}, {@code http_response_status_code}, {@code url_scheme} and, for failures, {@code
 * error_type}. It is built on OpenTelemetry's instrumentation API, so names and attributes follow
 * the HTTP semantic conventions exactly. The active-requests and body-size metrics, and the spans'
 * body-size attributes, are what the conventions still mark experimental; {@link
 * Builder#experimentalTelemetry(boolean) experimentalTelemetry(false)} leaves them out.
 *
 * <pre>{@code
 * HttpServerTracing http = HttpServerTracing.builder(pillars)
 *     .route("/query")
 *     .route("/users/{id}")
 *     .build();
 * server.createContext("/", handler).getFilters().add(http.jdkFilter());
 * }</pre>
 *
 * <p>Cardinality is bounded by construction: {@code http_route} is one of the registered templates,
 * or absent for every other path; methods outside the standard nine become {@code _OTHER}. Query
 * strings are not recorded (they often hold user input). Paths {@code /metrics} and {@code /health}
 * are not instrumented, nor any added with {@link Builder#exclude(String)}.
 *
 * <p>When another instrumentation already made the request's SERVER span (the OpenTelemetry Java
 * agent instruments the JDK server and servlet containers), the filters make no second one: the
 * metrics above are still recorded, with the same labels, and the application's spans become
 * children of that span.
 */
public final class HttpServerTracing {

  static final String INSTRUMENTATION_NAME = "dev.pillars.tracing.http";
  static final ContextKey<Boolean> COUNTED = ContextKey.named("pillars-http-server");

  private final OpenTelemetry openTelemetry;
  final RouteTable routes;
  private final Set<String> excludedPaths;
  private final String[] excludedPrefixes;
  private final boolean experimental;

  private HttpServerTracing(Builder b) {
    this.openTelemetry = b.openTelemetry;
    this.experimental = b.experimental;
    this.routes = new RouteTable(b.routes);
    Set<String> exact = new LinkedHashSet<>();
    List<String> prefixes = new ArrayList<>();
    for (String e : b.excluded) {
      if (e.endsWith("/*")) {
        prefixes.add(e.substring(0, e.length() - 1));
      } else {
        exact.add(e);
      }
    }
    this.excludedPaths = Set.copyOf(exact);
    this.excludedPrefixes = prefixes.toArray(new String[0]);
  }

  /** Starts configuring HTTP instrumentation over the SDK of {@code pillars}. */
  public static Builder builder(Pillars pillars) {
    return builder(Objects.requireNonNull(pillars, "pillars").openTelemetry());
  }

  /** Starts configuring HTTP instrumentation over any OpenTelemetry instance. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * A filter for the JDK HTTP server; add it to each context.
   *
   * <pre>{@code
   * server.createContext("/query", handler).getFilters().add(http.jdkFilter());
   * }</pre>
   */
  public TracingHttpFilter jdkFilter() {
    return new TracingHttpFilter(this);
  }

  /** Whether requests to {@code path} are instrumented. */
  public boolean traces(String path) {
    if (path == null) {
      return true;
    }
    if (excludedPaths.contains(path)) {
      return false;
    }
    // an index loop: a List's iterator was one object per request
    for (int i = 0; i < excludedPrefixes.length; i++) {
      if (path.startsWith(excludedPrefixes[i])) {
        return false;
      }
    }
    return true;
  }

  /** The route template registered for {@code path}, or null when none matches. */
  public String route(String path) {
    return routes.match(path);
  }

  /**
   * The instrumenter for requests that get their SERVER span here. Its spans come from the tracers
   * whose spans can become current (the agent's, under the Java agent).
   */
  <REQ, RES> Instrumenter<REQ, RES> instrumenter(
      HttpServerAttributesGetter<REQ, RES> getter, TextMapGetter<REQ> headers) {
    OpenTelemetry otel =
        new SpansAndMeters(
            AgentMode.tracerProvider(openTelemetry),
            openTelemetry.getMeterProvider(),
            openTelemetry.getPropagators());
    return build(otel, getter, headers, experimental);
  }

  /**
   * The instrumenter for requests that already have a SERVER span (the Java agent's): no span of
   * its own, the same metrics.
   */
  <REQ, RES> Instrumenter<REQ, RES> metricsOnlyInstrumenter(
      HttpServerAttributesGetter<REQ, RES> getter, TextMapGetter<REQ> headers) {
    OpenTelemetry otel =
        new SpansAndMeters(
            TracerProvider.noop(),
            openTelemetry.getMeterProvider(),
            openTelemetry.getPropagators());
    return build(otel, getter, headers, experimental);
  }

  /**
   * The JDK filter's SERVER spans: the same spans as {@link #instrumenter}'s, from the tracers
   * whose spans can become current, started without an {@code Instrumenter}.
   */
  JdkServerSpans jdkServerSpans() {
    return new JdkServerSpans(
        AgentMode.tracerProvider(openTelemetry).get(INSTRUMENTATION_NAME),
        openTelemetry.getPropagators().getTextMapPropagator(),
        routes,
        experimental);
  }

  /**
   * The HTTP server instruments over this instance's meters, with bound series: the duration, and
   * the three experimental ones unless {@link Builder#experimentalTelemetry(boolean)} turned them
   * off.
   */
  HttpServerMeters meters() {
    return new HttpServerMeters(openTelemetry.getMeterProvider(), routes, experimental);
  }

  /** Marks a context whose request this instrumentation already counts. */
  static Context counted(Context context) {
    return context.with(COUNTED, Boolean.TRUE);
  }

  /** Whether an outer filter of Pillars already counts the request of {@code context}. */
  static boolean alreadyCounted(Context context) {
    return context.get(COUNTED) != null;
  }

  /**
   * Whether another instrumentation (the Java agent's) already made the SERVER span of this
   * request: then Pillars records the metrics and makes no second span.
   */
  static boolean hasServerSpan(Context parent) {
    Span current = Span.fromContext(parent);
    return current.getSpanContext().isValid() && !current.getSpanContext().isRemote();
  }

  private static <REQ, RES> Instrumenter<REQ, RES> build(
      OpenTelemetry openTelemetry,
      HttpServerAttributesGetter<REQ, RES> getter,
      TextMapGetter<REQ> headers,
      boolean experimental) {
    InstrumenterBuilder<REQ, RES> builder =
        Instrumenter.<REQ, RES>builder(
                openTelemetry, INSTRUMENTATION_NAME, HttpSpanNameExtractor.create(getter))
            .setSpanStatusExtractor(HttpSpanStatusExtractor.create(getter))
            .addAttributesExtractor(HttpServerAttributesExtractor.create(getter))
            .addContextCustomizer(HttpServerRoute.create(getter))
            .addOperationMetrics(HttpServerMetrics.get());
    if (experimental) {
      builder
          .addAttributesExtractor(HttpExperimentalAttributesExtractor.create(getter))
          .addOperationMetrics(HttpServerExperimentalMetrics.get());
    }
    return builder.buildServerInstrumenter(headers);
  }

  /** Configures {@link HttpServerTracing}; setters return {@code this}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private final List<String> routes = new ArrayList<>();
    private final Set<String> excluded = new LinkedHashSet<>(List.of("/metrics", "/health"));
    private boolean experimental = true;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Registers a route template: literal segments and whole-segment parameters, like {@code
     * /users/{id}/orders}. Requests matching no template get no {@code http.route}.
     *
     * @throws IllegalArgumentException when the template is malformed; the message shows the form
     */
    public Builder route(String template) {
      routes.add(RouteTable.validate(template));
      return this;
    }

    /** Registers several route templates; see {@link #route(String)}. */
    public Builder routes(String... templates) {
      for (String t : Objects.requireNonNull(templates, "templates")) {
        route(t);
      }
      return this;
    }

    /**
     * Leaves a path uninstrumented: an exact path ({@code /ready}) or a prefix ending in {@code /*}
     * ({@code /static/*}). {@code /metrics} and {@code /health} are excluded already.
     */
    public Builder exclude(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "excluded path must start with '/', like /health or /static/*; got '" + path + "'");
      }
      excluded.add(path);
      return this;
    }

    /** Instruments {@code /metrics} and {@code /health} too. */
    public Builder includeDefaultExclusions() {
      excluded.remove("/metrics");
      excluded.remove("/health");
      return this;
    }

    /**
     * Whether to record what the HTTP conventions still mark experimental besides the stable
     * duration histogram and span attributes: {@code http_server_active_requests}, {@code
     * http_server_request_body_size_bytes}, {@code http_server_response_body_size_bytes}, and the
     * spans' {@code http.request.body.size} and {@code http.response.body.size}. Default true (the
     * in-flight and size metrics most Prometheus HTTP instrumentations export); false records what
     * OpenTelemetry's own instrumentation records by default ({@code
     * otel.instrumentation.http.server.emit-experimental-telemetry=false}). The JDK filter's own
     * time a request is then 14-18% less in JMH; under wrk, a trivial server behind the filter kept
     * 0.89x-0.90x of its bare throughput with {@code false} (in runs whose rounds spread 8-11%) and
     * 0.87x-0.88x with the default (see {@code benchmarks/README.md}).
     */
    public Builder experimentalTelemetry(boolean record) {
      this.experimental = record;
      return this;
    }

    /** Builds it; configuration is frozen. */
    public HttpServerTracing build() {
      return new HttpServerTracing(this);
    }
  }
}
