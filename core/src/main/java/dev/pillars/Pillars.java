// Over 300 lines: the handle plus its nested Builder, whose documented setters are the reference.
package dev.pillars;

import com.sun.net.httpserver.HttpHandler;
import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The OpenTelemetry SDK of the process, with the three pillars wired: meters exported to Prometheus
 * ({@code /metrics}, pull) and optionally OTLP (push), tracers exported over OTLP, and the resource
 * ({@code service.name}, {@code service.version}, {@code deployment.environment.name}) that logs
 * share.
 *
 * <pre>{@code
 * try (Pillars pillars = Pillars.builder().serviceName("rag-api").build()) {
 *   Metrics metrics = pillars.metrics();
 *   metrics.incrementCounter("request_count", "endpoint", "/query", "method", "POST", "status", "200");
 *   // Prometheus scrapes http://127.0.0.1:9464/metrics
 * }
 * }</pre>
 *
 * <p>{@link #fromEnvironment()} reads only the standard {@code OTEL_*} variables (and {@code
 * otel.*} system properties) through the SDK's autoconfigure module; the {@link Builder} sets the
 * same in code and wins over them. Unlike the plain SDK, Pillars defaults to Prometheus for
 * metrics, sends spans over OTLP only when the general or the traces OTLP endpoint is configured
 * (metrics: the general or the metrics one), and exports no OpenTelemetry logs unless their own
 * endpoint is set (Logback does logs).
 *
 * <p>If a global OpenTelemetry is already installed (the Java agent, or another library), Pillars
 * leaves it alone and keeps its own SDK: its metrics still reach {@code /metrics}, and its spans
 * still join the current context.
 */
public final class Pillars implements AutoCloseable {

  private final SdkAssembly parts;
  private final OpenTelemetrySdk sdk;
  private final Metrics metrics;
  private final PrometheusRegistry prometheusRegistry;
  private final ExpositionText exposition = new ExpositionText();
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Pillars(SdkAssembly parts) {
    this.parts = parts;
    this.sdk = parts.sdk;
    this.metrics = parts.metrics;
    this.prometheusRegistry = parts.registry;
    this.shutdownHook =
        parts.settings.shutdownHook() ? new Thread(this::closeResources, "pillars-shutdown") : null;
  }

  private static Pillars start(SdkAssembly parts) {
    Pillars pillars = new Pillars(parts);
    if (pillars.shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(pillars.shutdownHook);
    }
    return pillars;
  }

  /** Starts configuring an instance in code. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an instance from the {@code OTEL_*} environment and system properties alone. */
  public static Pillars fromEnvironment() {
    return builder().build();
  }

  /** The SDK: use it for anything the facades do not cover. */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The metrics facade; see {@link Metrics}. */
  public Metrics metrics() {
    return metrics;
  }

  /**
   * A tracer for instrumentation scope {@code scopeName}: this SDK's, or under the OpenTelemetry
   * Java agent the agent's, whose spans alone can become current there (see {@link AgentMode}).
   */
  public Tracer tracer(String scopeName) {
    return AgentMode.tracerProvider(sdk).get(scopeName);
  }

  /** The resource every signal carries. */
  public Resource resource() {
    return parts.resource;
  }

  /**
   * The metrics in Prometheus text format 0.0.4 (the seeds' {@code get_metrics_text()}), or {@code
   * ""} when the Prometheus exporter is off.
   */
  public String metricsText() {
    return write(PrometheusTextFormatWriter.create());
  }

  /** The metrics in OpenMetrics 1.0 text, with exemplars, or {@code ""} when Prometheus is off. */
  public String openMetricsText() {
    return write(OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).build());
  }

  private String write(ExpositionFormatWriter writer) {
    return prometheusRegistry == null ? "" : exposition.of(prometheusRegistry, writer);
  }

  /**
   * A handler that serves {@code /metrics} from an HTTP server the application already runs (the
   * seeds mount the metrics app into theirs). It negotiates text, OpenMetrics and gzip as the
   * standalone endpoint does.
   *
   * <pre>{@code
   * server.createContext("/metrics", pillars.metricsHandler());
   * }</pre>
   *
   * <p>When the Prometheus exporter is off, the handler answers 503 with a line that names the
   * setting to change.
   */
  public HttpHandler metricsHandler() {
    if (prometheusRegistry == null) {
      return new PrometheusOffHandler();
    }
    return new MetricsHandler(prometheusRegistry);
  }

  /**
   * The Prometheus client_java registry behind {@code /metrics}, for serving it from other servers
   * (client_java's servlet exporter takes it).
   *
   * @throws IllegalStateException when the Prometheus exporter is off
   */
  public PrometheusRegistry prometheusRegistry() {
    if (prometheusRegistry == null) {
      throw new IllegalStateException(
          "the Prometheus exporter is off: add 'prometheus' to OTEL_METRICS_EXPORTER");
    }
    return prometheusRegistry;
  }

  /** Where the standalone {@code /metrics} endpoint listens, if it runs. */
  public Optional<InetSocketAddress> prometheusAddress() {
    return parts.endpoint == null
        ? Optional.empty()
        : Optional.of(parts.endpoint.address(parts.settings.prometheusHost()));
  }

  /**
   * Flushes and stops everything: pending spans and metrics are exported, the endpoint stops, later
   * recordings are dropped. Returns within the shutdown timeout (10 s by default) even when a
   * collector never answers: exporters still busy then are abandoned, with a warning. Safe to call
   * more than once.
   */
  @Override
  public void close() {
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook runs anyway
      }
    }
    closeResources();
  }

  private void closeResources() {
    if (closed.compareAndSet(false, true)) {
      parts.close();
    }
  }

  /**
   * Configures a {@code Pillars}. Every setting has an OpenTelemetry (or {@code pillars.*})
   * property of the same meaning, read from the environment and system properties by the SDK's
   * autoconfigure module. Precedence, highest first: what is set here, then system properties, then
   * environment variables, then Pillars' defaults, then OpenTelemetry's.
   *
   * <pre>{@code
   * Pillars pillars = Pillars.builder()
   *     .serviceName("rag-api")
   *     .serviceVersion("1.4.2")
   *     .environment("production")
   *     .prometheusPort(9464)
   *     .build();
   * }</pre>
   */
  public static final class Builder {

    final PillarsConfig config = new PillarsConfig();

    private Builder() {}

    /** {@code service.name} ({@code OTEL_SERVICE_NAME}). */
    public Builder serviceName(String name) {
      return property("otel.service.name", requireText(name, "name"));
    }

    /** {@code service.version}. */
    public Builder serviceVersion(String version) {
      return resourceAttribute("service.version", version);
    }

    /** {@code deployment.environment.name}: production, staging, development... */
    public Builder environment(String environment) {
      return resourceAttribute("deployment.environment.name", environment);
    }

    /** Any other resource attribute ({@code OTEL_RESOURCE_ATTRIBUTES}). */
    public Builder resourceAttribute(String key, String value) {
      config.resourceAttributes.put(
          requireText(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Interface of the {@code /metrics} endpoint ({@code OTEL_EXPORTER_PROMETHEUS_HOST}); default
     * 127.0.0.1.
     */
    public Builder prometheusHost(String host) {
      config.prometheusHost = requireText(host, "host");
      return this;
    }

    /**
     * Port of the {@code /metrics} endpoint ({@code OTEL_EXPORTER_PROMETHEUS_PORT}); 0 picks a free
     * one.
     */
    public Builder prometheusPort(int port) {
      config.prometheusPort = PillarsConfig.checkPort(port);
      return this;
    }

    /**
     * Whether to run the standalone {@code /metrics} listener; default true. Turn it off when the
     * application serves {@link Pillars#metricsHandler()} from its own server: {@link
     * Pillars#metricsText()} and the handler keep working.
     */
    public Builder prometheusEndpoint(boolean enabled) {
      config.prometheusEndpoint = enabled;
      return this;
    }

    /**
     * Requires HTTP basic authentication on {@code /metrics} ({@code PILLARS_PROMETHEUS_USERNAME}
     * and {@code PILLARS_PROMETHEUS_PASSWORD}). Both must be set, or neither: half of them fails
     * {@link #build()}, since it would leave {@code /metrics} open.
     */
    public Builder prometheusBasicAuth(String username, String password) {
      config.prometheusUsername = requireText(username, "username");
      config.prometheusPassword = requireText(password, "password");
      return this;
    }

    /**
     * Where metrics go ({@code OTEL_METRICS_EXPORTER}): any of {@code prometheus}, {@code otlp},
     * {@code console}, or {@code none}. ({@code logging-otlp} needs {@code
     * io.opentelemetry:opentelemetry-exporter-logging-otlp} on the classpath, which Pillars does
     * not bring.)
     */
    public Builder metricsExporters(String... exporters) {
      return property("otel.metrics.exporter", String.join(",", exporters));
    }

    /**
     * Where spans go ({@code OTEL_TRACES_EXPORTER}): {@code otlp}, {@code console}, {@code none}...
     */
    public Builder tracesExporters(String... exporters) {
      return property("otel.traces.exporter", String.join(",", exporters));
    }

    /** The collector's OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
    public Builder otlpEndpoint(String endpoint) {
      return property("otel.exporter.otlp.endpoint", requireText(endpoint, "endpoint"));
    }

    /** {@code grpc} or {@code http/protobuf} ({@code OTEL_EXPORTER_OTLP_PROTOCOL}). */
    public Builder otlpProtocol(String protocol) {
      return property("otel.exporter.otlp.protocol", requireText(protocol, "protocol"));
    }

    /** A header sent with every OTLP export ({@code OTEL_EXPORTER_OTLP_HEADERS}). */
    public Builder otlpHeader(String name, String value) {
      String entry = requireText(name, "name") + "=" + Objects.requireNonNull(value, "value");
      config.sdkProperties.merge("otel.exporter.otlp.headers", entry, (a, b) -> a + "," + b);
      return this;
    }

    /**
     * How often metrics are pushed over OTLP ({@code OTEL_METRIC_EXPORT_INTERVAL}); default 60 s.
     */
    public Builder metricExportInterval(Duration interval) {
      return property(
          "otel.metric.export.interval", Long.toString(positive(interval, "interval").toMillis()));
    }

    /** JVM runtime metrics (memory, GC, threads, CPU); on by default. */
    public Builder runtimeMetrics(boolean enabled) {
      config.runtimeMetrics = enabled;
      return this;
    }

    /**
     * The series limit of metrics that set none; default {@value
     * dev.pillars.metrics.Metrics#DEFAULT_CARDINALITY_LIMIT}.
     */
    public Builder cardinalityLimit(int limit) {
      config.cardinalityLimit = PillarsConfig.checkCardinalityLimit(limit);
      return this;
    }

    /**
     * The most distinct metric names the facade creates; default {@value
     * dev.pillars.metrics.Metrics#DEFAULT_METRIC_NAME_LIMIT}. Measurements of further new names are
     * dropped and counted as {@code too_many_metrics}.
     */
    public Builder metricNameLimit(int limit) {
      config.metricNameLimit = PillarsConfig.checkMetricNameLimit(limit);
      return this;
    }

    /** Whether to install this SDK as {@code GlobalOpenTelemetry} when none is; default true. */
    public Builder registerGlobal(boolean register) {
      config.registerGlobal = register;
      return this;
    }

    /** The longest {@link Pillars#close()} waits for exporters to flush; default 10 s. */
    public Builder shutdownTimeout(Duration timeout) {
      config.shutdownTimeout = positive(timeout, "timeout");
      return this;
    }

    /** Whether a JVM shutdown hook closes this instance; default true. */
    public Builder shutdownHook(boolean enabled) {
      config.shutdownHook = enabled;
      return this;
    }

    /** Sets any OpenTelemetry or Pillars property by its system-property name. */
    public Builder property(String key, String value) {
      config.sdkProperties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds a span processor (after the exporters' batch processors), e.g. for tests. */
    public Builder addSpanProcessor(SpanProcessor processor) {
      config.spanProcessors.add(Objects.requireNonNull(processor, "processor"));
      return this;
    }

    /** Adds a metric reader (beside Prometheus and OTLP), e.g. an in-memory reader in tests. */
    public Builder addMetricReader(MetricReader reader) {
      config.metricReaders.add(Objects.requireNonNull(reader, "reader"));
      return this;
    }

    /**
     * Builds the SDK, starts the exporters and the {@code /metrics} endpoint.
     *
     * @throws PillarsConfigurationException when the configuration cannot work, or the
     *     OpenTelemetry / Prometheus client_java jars on the class path are not the versions
     *     Pillars needs; the message names the setting (or the Maven property) that fixes it
     */
    public Pillars build() {
      DependencyVersionCheck.requireCompatibleClassPath();
      return start(SdkAssembly.start(config));
    }

    private static String requireText(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new PillarsConfigurationException(what + " must not be blank");
      }
      return value;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new PillarsConfigurationException(what + " must be positive, got " + d);
      }
      return d;
    }
  }
}
