package dev.pillars;

import dev.pillars.metrics.Metrics;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The typed configuration of one {@link Pillars}: what its builder set, each value checked when it
 * was set, and for every setting left unset, the property of the same meaning as the SDK's
 * autoconfigure resolves it (builder properties, then system properties, then the environment).
 * OpenTelemetry's own settings ({@code otel.*} that the SDK reads) stay properties: {@link
 * #sdkProperties} is handed to autoconfigure as they are.
 */
final class PillarsConfig {

  static final String DEFAULT_PROMETHEUS_HOST = "127.0.0.1";
  static final int DEFAULT_PROMETHEUS_PORT = 9464;
  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  /** The SDK's own default: 2000 series per metric stream and reader, its overflow one of them. */
  static final int SDK_DEFAULT_CARDINALITY_LIMIT = 2000;

  /** The SDK's per-stream limit, which autoconfigure reads for the readers it makes. */
  static final String SDK_CARDINALITY_LIMIT = "otel.java.metrics.cardinality.limit";

  final Map<String, String> sdkProperties = new LinkedHashMap<>();
  final Map<String, String> resourceAttributes = new LinkedHashMap<>();
  final List<SpanProcessor> spanProcessors = new ArrayList<>();
  final List<MetricReader> metricReaders = new ArrayList<>();

  String prometheusHost;
  Integer prometheusPort;
  Boolean prometheusEndpoint;
  String prometheusUsername;
  String prometheusPassword;
  Boolean runtimeMetrics;
  Integer cardinalityLimit;
  Integer metricNameLimit;
  Boolean registerGlobal;
  Duration shutdownTimeout;
  Boolean shutdownHook;

  /** Checks a series limit, naming the setting. */
  static int checkCardinalityLimit(int limit) {
    if (limit < 1 || limit > Metrics.MAX_CARDINALITY_LIMIT) {
      throw new PillarsConfigurationException(
          ConfigKeys.CARDINALITY_LIMIT
              + " (PILLARS_METRICS_CARDINALITY_LIMIT, or Pillars.Builder.cardinalityLimit):"
              + " cardinality limit must be 1.."
              + Metrics.MAX_CARDINALITY_LIMIT
              + ", got "
              + limit);
    }
    return limit;
  }

  /** Checks a limit on metric names, naming the setting. */
  static int checkMetricNameLimit(int limit) {
    if (limit < 1) {
      throw nameLimit("got " + limit, null);
    }
    return limit;
  }

  private static PillarsConfigurationException nameLimit(String detail, Throwable cause) {
    return new PillarsConfigurationException(
        ConfigKeys.METRIC_NAME_LIMIT
            + " (PILLARS_METRICS_NAME_LIMIT, or Pillars.Builder.metricNameLimit) must be a whole"
            + " number of at least 1: "
            + detail,
        cause);
  }

  /** Checks a port, naming the setting. */
  static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new PillarsConfigurationException(
          "prometheus port (" + ConfigKeys.PROMETHEUS_PORT + ") must be 0..65535, got " + port);
    }
    return port;
  }

  /** The SDK's per-stream series limit ({@value #SDK_CARDINALITY_LIMIT}), at least 3. */
  static int sdkCardinalityLimit(ConfigProperties c) {
    int limit = c.getInt(SDK_CARDINALITY_LIMIT, SDK_DEFAULT_CARDINALITY_LIMIT);
    if (limit < 3) {
      throw new PillarsConfigurationException(
          SDK_CARDINALITY_LIMIT
              + " (OTEL_JAVA_METRICS_CARDINALITY_LIMIT) must be at least 3, got "
              + limit);
    }
    return limit;
  }

  /**
   * The settings once autoconfigure has resolved the properties; unset ones read from {@code c}.
   * The facade's series limit stays two below the SDK's ({@code sdkLimit}): past it the facade
   * folds new label sets into its own overflow series and counts them per metric ({@code
   * pillars_metrics_overflow_total{metric}}), which the SDK's overflow cannot tell.
   */
  Resolved resolve(ConfigProperties c, int sdkLimit) {
    int most = Math.min(Metrics.MAX_CARDINALITY_LIMIT, sdkLimit - 2);
    int limit;
    if (cardinalityLimit != null || c.getString(ConfigKeys.CARDINALITY_LIMIT) != null) {
      limit =
          cardinalityLimit != null
              ? cardinalityLimit
              : checkCardinalityLimit(c.getInt(ConfigKeys.CARDINALITY_LIMIT, 0));
      if (limit > most) {
        throw new PillarsConfigurationException(
            ConfigKeys.CARDINALITY_LIMIT
                + " (PILLARS_METRICS_CARDINALITY_LIMIT, or Pillars.Builder.cardinalityLimit) is "
                + limit
                + ", above what "
                + SDK_CARDINALITY_LIMIT
                + "="
                + sdkLimit
                + " leaves (at most "
                + most
                + "); lower it or raise "
                + SDK_CARDINALITY_LIMIT);
      }
    } else {
      limit = Math.min(Metrics.DEFAULT_CARDINALITY_LIMIT, most);
    }
    int names;
    if (metricNameLimit != null) {
      names = metricNameLimit;
    } else {
      try {
        names = c.getInt(ConfigKeys.METRIC_NAME_LIMIT, Metrics.DEFAULT_METRIC_NAME_LIMIT);
      } catch (RuntimeException e) {
        throw nameLimit(e.getMessage(), e);
      }
      checkMetricNameLimit(names);
    }
    return new Resolved(
        or(prometheusHost, () -> c.getString(ConfigKeys.PROMETHEUS_HOST, DEFAULT_PROMETHEUS_HOST)),
        or(
            prometheusPort,
            () -> checkPort(c.getInt(ConfigKeys.PROMETHEUS_PORT, DEFAULT_PROMETHEUS_PORT))),
        or(prometheusEndpoint, () -> c.getBoolean(ConfigKeys.PROMETHEUS_ENDPOINT, true)),
        PrometheusBasicAuth.of(
            or(prometheusUsername, () -> c.getString(ConfigKeys.PROMETHEUS_USERNAME)),
            or(prometheusPassword, () -> c.getString(ConfigKeys.PROMETHEUS_PASSWORD))),
        or(runtimeMetrics, () -> c.getBoolean(ConfigKeys.RUNTIME_METRICS, true)),
        limit,
        names,
        or(registerGlobal, () -> c.getBoolean(ConfigKeys.REGISTER_GLOBAL, true)),
        or(
            shutdownTimeout,
            () -> c.getDuration(ConfigKeys.SHUTDOWN_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT)),
        or(shutdownHook, () -> c.getBoolean(ConfigKeys.SHUTDOWN_HOOK, true)));
  }

  private static <T> T or(T set, Supplier<T> property) {
    return set != null ? set : property.get();
  }

  /** Every setting of one start, resolved. */
  record Resolved(
      String prometheusHost,
      int prometheusPort,
      boolean prometheusEndpoint,
      PrometheusBasicAuth basicAuth,
      boolean runtimeMetrics,
      int cardinalityLimit,
      int metricNameLimit,
      boolean registerGlobal,
      Duration shutdownTimeout,
      boolean shutdownHook) {}
}
