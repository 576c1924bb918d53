package dev.pillars;

import dev.pillars.kit.InstrumentationBinder;
import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.instrumentation.runtimetelemetry.RuntimeTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.metrics.export.CardinalityLimitSelector;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one {@link Pillars} together: the SDK through autoconfigure (with Pillars' exporter defaults
 * and its own Prometheus reader), the metrics facade, the {@code /metrics} endpoint, runtime
 * metrics, global registration and the modules' {@link InstrumentationBinder}s. Everything it made
 * is held here, so a start that fails half-way is undone by {@link #abandon()} and a started one is
 * closed by {@link #close()}.
 *
 * <p>The data path: a recording goes through {@link Metrics} to the SDK's meters; the SDK's readers
 * are {@link LintCleanSnapshots} (scraped through {@link PrometheusRegistry} by {@link
 * PrometheusEndpoint}) and the OTLP reader autoconfigure makes.
 */
final class SdkAssembly {

  private static final Logger LOGGER = LoggerFactory.getLogger("dev.pillars.Pillars");

  private final PillarsConfig config;
  PillarsConfig.Resolved settings;
  OpenTelemetrySdk sdk;
  Resource resource;
  Metrics metrics;
  PrometheusRegistry registry;
  PrometheusEndpoint endpoint;
  AutoCloseable runtimeTelemetry;
  private boolean prometheus;
  private int sdkCardinalityLimit = PillarsConfig.SDK_DEFAULT_CARDINALITY_LIMIT;
  private ConfigProperties properties;
  // the SDK's meters for its tracer's span counters, which may first be asked for on any thread
  private volatile MeterProvider sdkMeters;

  private SdkAssembly(PillarsConfig config) {
    this.config = config;
  }

  /**
   * Starts everything {@code config} asks for.
   *
   * @throws PillarsConfigurationException when the configuration cannot work (nothing is left
   *     running then)
   */
  static SdkAssembly start(PillarsConfig config) {
    SdkAssembly a = new SdkAssembly(config);
    try {
      a.run();
    } catch (RuntimeException e) {
      a.abandon();
      if (e instanceof ConfigurationException) {
        throw new PillarsConfigurationException(
            "Invalid OpenTelemetry configuration: " + e.getMessage(), e);
      }
      throw e;
    }
    return a;
  }

  private void run() {
    LintCleanSnapshots prometheusReader =
        new LintCleanSnapshots(PrometheusMetricReader.builder().build());
    AutoConfiguredOpenTelemetrySdk auto =
        AutoConfiguredOpenTelemetrySdk.builder()
            .disableShutdownHook()
            .addPropertiesCustomizer(c -> config.sdkProperties)
            .addPropertiesCustomizer(this::chooseExporters)
            .addResourceCustomizer(
                (r, c) -> {
                  resource = r.merge(Resource.create(extraAttributes()));
                  return resource;
                })
            .addMeterProviderCustomizer(
                (meters, c) -> {
                  // autoconfigure applies otel.java.metrics.cardinality.limit to the readers it
                  // makes (OTLP); ours get the same limit through the same selector
                  sdkCardinalityLimit = PillarsConfig.sdkCardinalityLimit(c);
                  CardinalityLimitSelector limit = type -> sdkCardinalityLimit;
                  if (prometheus) {
                    meters.registerMetricReader(prometheusReader.reader(), limit);
                  }
                  for (MetricReader reader : config.metricReaders) {
                    meters.registerMetricReader(reader, limit);
                  }
                  return meters;
                })
            .addTracerProviderCustomizer(
                (tracers, c) -> {
                  for (SpanProcessor p : config.spanProcessors) {
                    tracers.addSpanProcessor(p);
                  }
                  if (countsSpans(c)) {
                    // autoconfigure gave the tracer the SDK's meters: the same, with bound
                    // counters. The tracer asks at its first span, once build() has returned.
                    tracers.setMeterProvider(
                        () -> {
                          MeterProvider meters = sdkMeters;
                          return meters == null
                              ? MeterProvider.noop()
                              : new BoundSpanCounters(meters);
                        });
                  }
                  return tracers;
                })
            .build();
    sdk = auto.getOpenTelemetrySdk();
    sdkMeters = sdk.getSdkMeterProvider();
    settings = config.resolve(properties, sdkCardinalityLimit);
    metrics =
        Metrics.builder(sdk)
            .cardinalityLimit(settings.cardinalityLimit())
            .metricNameLimit(settings.metricNameLimit())
            .build();
    if (prometheus) {
      registry = new PrometheusRegistry();
      prometheusReader.countDropsIn(sdk.getMeter("dev.pillars"));
      registry.register(prometheusReader);
      if (settings.prometheusEndpoint()) {
        endpoint =
            PrometheusEndpoint.start(
                registry,
                settings.prometheusHost(),
                settings.prometheusPort(),
                settings.basicAuth());
      }
    }
    if (settings.runtimeMetrics()) {
      runtimeTelemetry = RuntimeTelemetry.create(sdk);
    }
    if (settings.registerGlobal()) {
      registerGlobal();
    }
    bindModules();
  }

  /** Pillars' exporter defaults, applied only where the user chose nothing. */
  private Map<String, String> chooseExporters(ConfigProperties c) {
    properties = c;
    ExporterChoice choice = ExporterChoice.of(c);
    prometheus = choice.prometheus();
    return choice.properties();
  }

  /**
   * Whether the SDK's tracer counts its spans: autoconfigure gives it the meters unless the SDK's
   * own telemetry is {@code legacy}, autoconfigure's default (Pillars' is {@code latest}, see
   * {@link ExporterChoice}).
   */
  private static boolean countsSpans(ConfigProperties c) {
    return !"legacy".equalsIgnoreCase(c.getString(ConfigKeys.SDK_TELEMETRY_VERSION, "legacy"));
  }

  private Attributes extraAttributes() {
    AttributesBuilder b = Attributes.builder();
    config.resourceAttributes.forEach(b::put);
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
    Attributes resourceAttributes =
        (resource != null ? resource : Resource.getDefault()).getAttributes();
    for (InstrumentationBinder binder :
        ServiceLoader.load(InstrumentationBinder.class, SdkAssembly.class.getClassLoader())) {
      try {
        binder.bindTo(sdk, resourceAttributes);
      } catch (RuntimeException | LinkageError e) {
        LOGGER.warn("Pillars: {} failed to bind its metrics; skipped", binder.getClass(), e);
      }
    }
  }

  /** Undoes a start that failed half-way. */
  private void abandon() {
    closeQuietly(endpoint);
    closeQuietly(runtimeTelemetry);
    if (sdk != null) {
      BoundedSdkShutdown.shutdown(sdk, Duration.ofSeconds(2));
    }
  }

  /** Flushes and stops what a start made, waiting at most the shutdown timeout for exporters. */
  void close() {
    metrics.close();
    closeQuietly(runtimeTelemetry);
    Duration timeout = settings.shutdownTimeout();
    if (!BoundedSdkShutdown.shutdown(sdk, timeout)) {
      LOGGER.warn(
          "Pillars: exporters did not finish within {} ms; pending telemetry may be lost",
          timeout.toMillis());
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
}
