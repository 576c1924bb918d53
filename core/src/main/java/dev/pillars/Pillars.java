package dev.pillars;

import com.sun.net.httpserver.HttpHandler;
import dev.pillars.kit.InstrumentationBinder;
import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry SDK of the process, with the three pillars wired: meters exported to
 * Prometheus ({@code /metrics}, pull) and optionally OTLP (push), tracers exported over OTLP, and
 * the resource ({@code service.name}, {@code service.version}, {@code deployment.environment.name})
 * that logs share.
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
 * otel.*} system properties) through the SDK's autoconfigure module; the {@link PillarsBuilder}
 * sets the same in code and wins over them. Unlike the plain SDK, Pillars defaults to Prometheus
 * for metrics, sends spans over OTLP only when the general or the traces OTLP endpoint is
 * configured (metrics: the general or the metrics one), and exports no OpenTelemetry logs unless
 * their own endpoint is set (Logback does logs).
 *
 * <p>If a global OpenTelemetry is already installed (the Java agent, or another library), Pillars
 * leaves it alone and keeps its own SDK: its metrics still reach {@code /metrics}, and its spans
 * still join the current context.
 */
public final class Pillars implements AutoCloseable {

  static final String PROMETHEUS_USERNAME = "pillars.prometheus.username";
  static final String PROMETHEUS_PASSWORD = "pillars.prometheus.password";
  static final String RUNTIME_METRICS = "pillars.runtime.metrics.enabled";
  static final String CARDINALITY_LIMIT = "pillars.metrics.cardinality.limit";
  static final String METRIC_NAME_LIMIT = "pillars.metrics.name.limit";
  static final String REGISTER_GLOBAL = "pillars.global.enabled";
  static final String SHUTDOWN_TIMEOUT = "pillars.shutdown.timeout";
  static final String SHUTDOWN_HOOK = "pillars.shutdown.hook.enabled";
  static final String PROMETHEUS_ENDPOINT = "pillars.prometheus.endpoint.enabled";
  /**
   * The SDK's own health metrics in their semantic-convention form ({@code
   * otel.sdk.processor.span.processed} with {@code error.type="queue_full"} for dropped spans,
   * {@code otel.sdk.exporter.span.exported}, queue size and capacity) rather than the legacy
   * {@code processedSpans}; {@code legacy} restores those.
   */
  static final String SDK_TELEMETRY_VERSION = "otel.experimental.sdk.telemetry.version";

  private static final Logger LOGGER = LoggerFactory.getLogger(Pillars.class);
  private static final String DEFAULT_PROMETHEUS_HOST = "127.0.0.1";
  private static final int DEFAULT_PROMETHEUS_PORT = 9464;

  private final OpenTelemetrySdk sdk;
  private final Resource resource;
  private final Metrics metrics;
  private final PrometheusRegistry prometheusRegistry;
  private final PrometheusEndpoint endpoint;
  private final String prometheusHost;
  private final AutoCloseable runtimeTelemetry;
  private final Duration shutdownTimeout;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Pillars(Started started, Thread shutdownHook) {
    this.sdk = started.sdk;
    this.resource = started.resource;
    this.metrics = started.metrics;
    this.prometheusRegistry = started.registry;
    this.endpoint = started.endpoint;
    this.prometheusHost = started.prometheusHost;
    this.runtimeTelemetry = started.runtimeTelemetry;
    this.shutdownTimeout = started.shutdownTimeout;
    this.shutdownHook = shutdownHook;
  }

  /** Starts configuring an instance in code. */
  public static PillarsBuilder builder() {
    return new PillarsBuilder();
  }

  /** Builds an instance from the {@code OTEL_*} environment and system properties alone. */
  public static Pillars fromEnvironment() {
    return builder().build();
  }

  static Pillars start(PillarsBuilder builder) {
    Started started = new Started(builder);
    try {
      started.run();
    } catch (RuntimeException e) {
      started.abandon();
      if (e instanceof ConfigurationException) {
        throw new PillarsConfigurationException(
            "Invalid OpenTelemetry configuration: " + e.getMessage(), e);
      }
      throw e;
    }
    Thread hook = null;
    if (started.config.getBoolean(SHUTDOWN_HOOK, true)) {
      hook = new Thread(started::closeFromHook, "pillars-shutdown");
    }
    Pillars pillars = new Pillars(started, hook);
    started.owner = pillars;
    if (hook != null) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    return pillars;
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
    return resource;
  }

  /**
   * The metrics in Prometheus text format 0.0.4 (the seeds' {@code get_metrics_text()}), or
   * {@code ""} when the Prometheus exporter is off.
   */
  public String metricsText() {
    return write(PrometheusTextFormatWriter.create());
  }

  /** The metrics in OpenMetrics 1.0 text, with exemplars, or {@code ""} when Prometheus is off. */
  public String openMetricsText() {
    return write(OpenMetricsTextFormatWriter.builder().setCreatedTimestampsEnabled(false).build());
  }

  private String write(io.prometheus.metrics.expositionformats.ExpositionFormatWriter writer) {
    if (prometheusRegistry == null) {
      return "";
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, prometheusRegistry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
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
   * The Prometheus client_java registry behind {@code /metrics}, for serving it from other
   * servers (client_java's servlet exporter takes it).
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
    return endpoint == null ? Optional.empty() : Optional.of(endpoint.address(prometheusHost));
  }

  /**
   * Flushes and stops everything: pending spans and metrics are exported, the endpoint stops,
   * later recordings are dropped. Returns within the shutdown timeout (10 s by default) even when
   * a collector never answers: exporters still busy then are abandoned, with a warning. Safe to
   * call more than once.
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
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    metrics.close();
    closeQuietly(runtimeTelemetry);
    if (!BoundedSdkShutdown.shutdown(sdk, shutdownTimeout)) {
      LOGGER.warn(
          "Pillars: exporters did not finish within {} ms; pending telemetry may be lost",
          shutdownTimeout.toMillis());
    }
    closeQuietly(endpoint);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOGGER.warn("Pillars: closing {} failed", c, e);
    }
  }

  /** Everything one start creates, so a failed start can undo it. */
  private static final class Started {
    private final PillarsBuilder builder;
    ConfigProperties config;
    OpenTelemetrySdk sdk;
    Resource resource;
    Metrics metrics;
    PrometheusRegistry registry;
    PrometheusEndpoint endpoint;
    String prometheusHost;
    AutoCloseable runtimeTelemetry;
    Duration shutdownTimeout = Duration.ofSeconds(10);
    boolean prometheus;
    volatile Pillars owner;

    Started(PillarsBuilder builder) {
      this.builder = builder;
    }

    void run() {
      LintCleanSnapshots prometheusReader =
          new LintCleanSnapshots(PrometheusMetricReader.builder().build());
      AutoConfiguredOpenTelemetrySdk auto =
          AutoConfiguredOpenTelemetrySdk.builder()
              .disableShutdownHook()
              .addPropertiesCustomizer(c -> builder.properties)
              .addPropertiesCustomizer(this::chooseExporters)
              .addResourceCustomizer(
                  (r, c) -> {
                    resource = r.merge(Resource.create(extraAttributes()));
                    return resource;
                  })
              .addMeterProviderCustomizer(
                  (meters, c) -> {
                    if (prometheus) {
                      meters.registerMetricReader(prometheusReader.reader());
                    }
                    for (MetricReader reader : builder.metricReaders) {
                      meters.registerMetricReader(reader);
                    }
                    return meters;
                  })
              .addTracerProviderCustomizer(
                  (tracers, c) -> {
                    for (SpanProcessor p : builder.spanProcessors) {
                      tracers.addSpanProcessor(p);
                    }
                    return tracers;
                  })
              .build();
      sdk = auto.getOpenTelemetrySdk();
      shutdownTimeout = config.getDuration(SHUTDOWN_TIMEOUT, Duration.ofSeconds(10));
      try {
        metrics =
            Metrics.builder(sdk)
                .cardinalityLimit(
                    config.getInt(CARDINALITY_LIMIT, Metrics.DEFAULT_CARDINALITY_LIMIT))
                .metricNameLimit(MetricNameLimit.read(config))
                .build();
      } catch (IllegalArgumentException e) {
        throw new PillarsConfigurationException(
            CARDINALITY_LIMIT + " (PILLARS_METRICS_CARDINALITY_LIMIT, or"
                + " PillarsBuilder.cardinalityLimit): " + e.getMessage(), e);
      }
      PrometheusBasicAuth auth = PrometheusBasicAuth.fromConfig(config);
      if (prometheus) {
        registry = new PrometheusRegistry();
        prometheusReader.countDropsIn(sdk.getMeter("dev.pillars"));
        registry.register(prometheusReader);
        prometheusHost = config.getString("otel.exporter.prometheus.host", DEFAULT_PROMETHEUS_HOST);
        if (config.getBoolean(PROMETHEUS_ENDPOINT, true)) {
          endpoint =
              PrometheusEndpoint.start(
                  registry,
                  prometheusHost,
                  config.getInt("otel.exporter.prometheus.port", DEFAULT_PROMETHEUS_PORT),
                  auth);
        }
      }
      if (config.getBoolean(RUNTIME_METRICS, true)) {
        runtimeTelemetry = RuntimeTelemetry.create(sdk);
      }
      if (config.getBoolean(REGISTER_GLOBAL, true)) {
        registerGlobal();
      }
      bindModules();
    }

    /** Pillars' exporter defaults, applied only where the user chose nothing. */
    private Map<String, String> chooseExporters(ConfigProperties c) {
      config = c;
      ExporterChoice choice = ExporterChoice.of(c);
      prometheus = choice.prometheus();
      return choice.properties();
    }

    private Attributes extraAttributes() {
      AttributesBuilder b = Attributes.builder();
      builder.resourceAttributes.forEach(b::put);
      return b.build();
    }

    private void registerGlobal() {
      if (GlobalOpenTelemetry.isSet()) {
        LOGGER.info(
            "Pillars: a global OpenTelemetry is already installed (the Java agent?); leaving it"
                + " in place. Pillars' metrics are served by its own SDK.");
        return;
      }
      try {
        GlobalOpenTelemetry.set(sdk);
      } catch (IllegalStateException raced) {
        LOGGER.info("Pillars: another global OpenTelemetry was installed meanwhile; keeping it");
      }
    }

    private void bindModules() {
      for (InstrumentationBinder binder :
          ServiceLoader.load(InstrumentationBinder.class, Pillars.class.getClassLoader())) {
        try {
          binder.bindTo(sdk, (resource != null ? resource : Resource.getDefault()).getAttributes());
        } catch (RuntimeException | LinkageError e) {
          LOGGER.warn("Pillars: {} failed to bind its metrics; skipped", binder.getClass(), e);
        }
      }
    }

    void abandon() {
      closeQuietly(endpoint);
      closeQuietly(runtimeTelemetry);
      if (sdk != null) {
        BoundedSdkShutdown.shutdown(sdk, Duration.ofSeconds(2));
      }
    }

    void closeFromHook() {
      Pillars p = owner;
      if (p != null) {
        p.closeResources();
      }
    }
  }
}
