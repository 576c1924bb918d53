package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own series limit, {@code otel.java.metrics.cardinality.limit}, reaches every reader
 * Pillars registers (Prometheus and the application's), and the facade keeps two below it, so that
 * the facade's overflow (counted per metric) always comes before the SDK's (issue 14).
 */
class SdkCardinalityLimitIsHonoured {

  @Test
  void theFacadeOverflowsTwoBelowTheSdkLimitAndCountsIt() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Pillars pillars =
        TestPillars.builder()
            .property("otel.java.metrics.cardinality.limit", "10")
            .addMetricReader(reader)
            .build()) {
      for (int i = 0; i < 20; i++) {
        pillars.metrics().incrementCounter("per_user", "user", "u" + i);
      }
      String text = pillars.metricsText();
      assertThat(Exposition.sum(text, "pillars_metrics_overflow_total", "metric=\"per_user\""))
          .isEqualTo(12.0);
      assertThat(Exposition.sum(text, "per_user_total", "otel_metric_overflow=\"true\""))
          .isEqualTo(12.0);
      assertThat(Exposition.lines(text, "per_user_total{")).isEqualTo(9);
      MetricData perUser =
          reader.collectAllMetrics().stream()
              .filter(m -> m.getName().equals("per_user"))
              .findFirst()
              .orElseThrow();
      assertThat(perUser.getData().getPoints()).hasSize(9);
    }
  }

  @Test
  void aFacadeLimitTheSdkLimitCannotHoldFailsNamingBoth() {
    assertThatThrownBy(
            () ->
                TestPillars.builder()
                    .property("otel.java.metrics.cardinality.limit", "100")
                    .cardinalityLimit(500)
                    .build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("PILLARS_METRICS_CARDINALITY_LIMIT")
        .hasMessageContaining("otel.java.metrics.cardinality.limit=100")
        .hasMessageContaining("at most 98");
  }
}
