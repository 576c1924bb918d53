package dev.pillars;

import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link Pillars}. Every setting has an OpenTelemetry (or {@code pillars.*}) property
 * of the same meaning, read from the environment and system properties by the SDK's autoconfigure
 * module. Precedence, highest first: what is set here, then system properties, then environment
 * variables, then Pillars' defaults, then OpenTelemetry's.
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
public final class PillarsBuilder {

  final Map<String, String> properties = new LinkedHashMap<>();
  final Map<String, String> resourceAttributes = new LinkedHashMap<>();
  final List<SpanProcessor> spanProcessors = new ArrayList<>();
  final List<MetricReader> metricReaders = new ArrayList<>();

  PillarsBuilder() {}

  /** {@code service.name} ({@code OTEL_SERVICE_NAME}). */
  public PillarsBuilder serviceName(String name) {
    return property("otel.service.name", requireText(name, "name"));
  }

  /** {@code service.version}. */
  public PillarsBuilder serviceVersion(String version) {
    return resourceAttribute("service.version", version);
  }

  /** {@code deployment.environment.name}: production, staging, development... */
  public PillarsBuilder environment(String environment) {
    return resourceAttribute("deployment.environment.name", environment);
  }

  /** Any other resource attribute ({@code OTEL_RESOURCE_ATTRIBUTES}). */
  public PillarsBuilder resourceAttribute(String key, String value) {
    resourceAttributes.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Interface of the {@code /metrics} endpoint ({@code OTEL_EXPORTER_PROMETHEUS_HOST}); default 127.0.0.1. */
  public PillarsBuilder prometheusHost(String host) {
    return property("otel.exporter.prometheus.host", requireText(host, "host"));
  }

  /** Port of the {@code /metrics} endpoint ({@code OTEL_EXPORTER_PROMETHEUS_PORT}); 0 picks a free one. */
  public PillarsBuilder prometheusPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("prometheus port must be 0..65535, got " + port);
    }
    return property("otel.exporter.prometheus.port", Integer.toString(port));
  }

  /**
   * Whether to run the standalone {@code /metrics} listener; default true. Turn it off when the
   * application serves {@link Pillars#metricsHandler()} from its own server: {@link
   * Pillars#metricsText()} and the handler keep working.
   */
  public PillarsBuilder prometheusEndpoint(boolean enabled) {
    return property(Pillars.PROMETHEUS_ENDPOINT, Boolean.toString(enabled));
  }

  /**
   * Requires HTTP basic authentication on {@code /metrics} ({@code PILLARS_PROMETHEUS_USERNAME} and
   * {@code PILLARS_PROMETHEUS_PASSWORD}). Both must be set, or neither: half of them fails {@link
   * #build()}, since it would leave {@code /metrics} open.
   */
  public PillarsBuilder prometheusBasicAuth(String username, String password) {
    property(Pillars.PROMETHEUS_USERNAME, requireText(username, "username"));
    return property(Pillars.PROMETHEUS_PASSWORD, requireText(password, "password"));
  }

  /**
   * Where metrics go ({@code OTEL_METRICS_EXPORTER}): any of {@code prometheus}, {@code otlp},
   * {@code console}, or {@code none}. ({@code logging-otlp} needs {@code
   * io.opentelemetry:opentelemetry-exporter-logging-otlp} on the classpath, which Pillars does not
   * bring.)
   */
  public PillarsBuilder metricsExporters(String... exporters) {
    return property("otel.metrics.exporter", String.join(",", exporters));
  }

  /** Where spans go ({@code OTEL_TRACES_EXPORTER}): {@code otlp}, {@code console}, {@code none}... */
  public PillarsBuilder tracesExporters(String... exporters) {
    return property("otel.traces.exporter", String.join(",", exporters));
  }

  /** The collector's OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
  public PillarsBuilder otlpEndpoint(String endpoint) {
    return property("otel.exporter.otlp.endpoint", requireText(endpoint, "endpoint"));
  }

  /** {@code grpc} or {@code http/protobuf} ({@code OTEL_EXPORTER_OTLP_PROTOCOL}). */
  public PillarsBuilder otlpProtocol(String protocol) {
    return property("otel.exporter.otlp.protocol", requireText(protocol, "protocol"));
  }

  /** A header sent with every OTLP export ({@code OTEL_EXPORTER_OTLP_HEADERS}). */
  public PillarsBuilder otlpHeader(String name, String value) {
    String entry = requireText(name, "name") + "=" + Objects.requireNonNull(value, "value");
    properties.merge("otel.exporter.otlp.headers", entry, (a, b) -> a + "," + b);
    return this;
  }

  /** How often metrics are pushed over OTLP ({@code OTEL_METRIC_EXPORT_INTERVAL}); default 60 s. */
  public PillarsBuilder metricExportInterval(Duration interval) {
    return property("otel.metric.export.interval", Long.toString(positive(interval).toMillis()));
  }

  /** JVM runtime metrics (memory, GC, threads, CPU); on by default. */
  public PillarsBuilder runtimeMetrics(boolean enabled) {
    return property(Pillars.RUNTIME_METRICS, Boolean.toString(enabled));
  }

  /** The series limit of metrics that set none; default {@value dev.pillars.metrics.Metrics#DEFAULT_CARDINALITY_LIMIT}. */
  public PillarsBuilder cardinalityLimit(int limit) {
    return property(Pillars.CARDINALITY_LIMIT, Integer.toString(limit));
  }

  /**
   * The most distinct metric names the facade creates; default {@value
   * dev.pillars.metrics.Metrics#DEFAULT_METRIC_NAME_LIMIT}. Measurements of further new names are
   * dropped and counted as {@code too_many_metrics}.
   */
  public PillarsBuilder metricNameLimit(int limit) {
    return property(Pillars.METRIC_NAME_LIMIT, Integer.toString(limit));
  }

  /** Whether to install this SDK as {@code GlobalOpenTelemetry} when none is; default true. */
  public PillarsBuilder registerGlobal(boolean register) {
    return property(Pillars.REGISTER_GLOBAL, Boolean.toString(register));
  }

  /** The longest {@link Pillars#close()} waits for exporters to flush; default 10 s. */
  public PillarsBuilder shutdownTimeout(Duration timeout) {
    return property(Pillars.SHUTDOWN_TIMEOUT, positive(timeout).toMillis() + "ms");
  }

  /** Whether a JVM shutdown hook closes this instance; default true. */
  public PillarsBuilder shutdownHook(boolean enabled) {
    return property(Pillars.SHUTDOWN_HOOK, Boolean.toString(enabled));
  }

  /** Sets any OpenTelemetry or Pillars property by its system-property name. */
  public PillarsBuilder property(String key, String value) {
    properties.put(requireText(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Adds a span processor (after the exporters' batch processors), e.g. for tests. */
  public PillarsBuilder addSpanProcessor(SpanProcessor processor) {
    spanProcessors.add(Objects.requireNonNull(processor, "processor"));
    return this;
  }

  /** Adds a metric reader (beside Prometheus and OTLP), e.g. an in-memory reader in tests. */
  public PillarsBuilder addMetricReader(MetricReader reader) {
    metricReaders.add(Objects.requireNonNull(reader, "reader"));
    return this;
  }

  /**
   * Builds the SDK, starts the exporters and the {@code /metrics} endpoint.
   *
   * @throws PillarsConfigurationException when the configuration cannot work, or the
   *     OpenTelemetry / Prometheus client_java jars on the class path are not the versions Pillars
   *     needs; the message names the setting (or the Maven property) that fixes it
   */
  public Pillars build() {
    DependencyVersionCheck.requireCompatibleClassPath();
    return Pillars.start(this);
  }

  private static String requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  private static Duration positive(Duration d) {
    Objects.requireNonNull(d, "duration");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("duration must be positive, got " + d);
    }
    return d;
  }
}
