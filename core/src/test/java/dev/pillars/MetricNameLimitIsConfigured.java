package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 9 item 3: the limit on metric names is set by the builder or the property. */
class MetricNameLimitIsConfigured {

  @Test
  void theBuilderSetsIt() {
    try (Pillars pillars = TestPillars.builder().metricNameLimit(2).build()) {
      recordFourNames(pillars);
      String text = pillars.metricsText();
      assertThat(
              Exposition.sum(text, "pillars_metrics_dropped_total", "reason=\"too_many_metrics\""))
          .isEqualTo(2.0);
      assertThat(text).contains("n0_total", "n1_total").doesNotContain("n2_total", "n3_total");
    }
  }

  @Test
  void thePropertySetsIt() {
    try (Pillars pillars =
        TestPillars.builder().property("pillars.metrics.name.limit", "3").build()) {
      recordFourNames(pillars);
      assertThat(
              Exposition.sum(
                  pillars.metricsText(),
                  "pillars_metrics_dropped_total",
                  "reason=\"too_many_metrics\""))
          .isEqualTo(1.0);
    }
  }

  @Test
  void aBadValueFailsBuildNamingTheSetting() {
    assertThatThrownBy(() -> TestPillars.builder().metricNameLimit(0).build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("pillars.metrics.name.limit")
        .hasMessageContaining("PILLARS_METRICS_NAME_LIMIT");
    assertThatThrownBy(
            () -> TestPillars.builder().property("pillars.metrics.name.limit", "many").build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("Pillars.Builder.metricNameLimit");
  }

  private static void recordFourNames(Pillars pillars) {
    for (int i = 0; i < 4; i++) {
      pillars.metrics().incrementCounter("n" + i, "k", "v");
    }
  }
}
