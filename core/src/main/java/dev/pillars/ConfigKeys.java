package dev.pillars;

/**
 * The property names of Pillars' own settings (system properties; the environment variable is the
 * upper-case form with {@code _}, as autoconfigure reads it) and the OpenTelemetry ones that
 * Pillars reads itself.
 */
final class ConfigKeys {

  static final String PROMETHEUS_USERNAME = "pillars.prometheus.username";
  static final String PROMETHEUS_PASSWORD = "pillars.prometheus.password";
  static final String RUNTIME_METRICS = "pillars.runtime.metrics.enabled";
  static final String CARDINALITY_LIMIT = "pillars.metrics.cardinality.limit";
  static final String METRIC_NAME_LIMIT = "pillars.metrics.name.limit";
  static final String REGISTER_GLOBAL = "pillars.global.enabled";
  static final String SHUTDOWN_TIMEOUT = "pillars.shutdown.timeout";
  static final String SHUTDOWN_HOOK = "pillars.shutdown.hook.enabled";
  static final String PROMETHEUS_ENDPOINT = "pillars.prometheus.endpoint.enabled";
  static final String PROMETHEUS_HOST = "otel.exporter.prometheus.host";
  static final String PROMETHEUS_PORT = "otel.exporter.prometheus.port";

  /**
   * The SDK's own health metrics in their semantic-convention form ({@code
   * otel.sdk.processor.span.processed} with {@code error.type="queue_full"} for dropped spans,
   * {@code otel.sdk.exporter.span.exported}, queue size and capacity) rather than the legacy {@code
   * processedSpans}; {@code legacy} restores those.
   */
  static final String SDK_TELEMETRY_VERSION = "otel.experimental.sdk.telemetry.version";

  private ConfigKeys() {}
}
