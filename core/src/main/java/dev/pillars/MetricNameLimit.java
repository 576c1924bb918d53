package dev.pillars;

import dev.pillars.metrics.Metrics;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;

/** Reads {@code pillars.metrics.name.limit}, the most distinct metric names the facade keeps. */
final class MetricNameLimit {

  private MetricNameLimit() {}

  /**
   * The configured limit, or {@link Metrics#DEFAULT_METRIC_NAME_LIMIT}.
   *
   * @throws PillarsConfigurationException when it is not a whole number of at least 1
   */
  static int read(ConfigProperties config) {
    int limit;
    try {
      limit = config.getInt(Pillars.METRIC_NAME_LIMIT, Metrics.DEFAULT_METRIC_NAME_LIMIT);
    } catch (RuntimeException e) {
      throw invalid(e.getMessage(), e);
    }
    if (limit < 1) {
      throw invalid("got " + limit, null);
    }
    return limit;
  }

  private static PillarsConfigurationException invalid(String detail, Throwable cause) {
    return new PillarsConfigurationException(
        Pillars.METRIC_NAME_LIMIT + " (PILLARS_METRICS_NAME_LIMIT, or"
            + " PillarsBuilder.metricNameLimit) must be a whole number of at least 1: " + detail,
        cause);
  }
}
