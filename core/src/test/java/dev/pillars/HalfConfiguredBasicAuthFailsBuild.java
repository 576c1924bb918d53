package dev.pillars;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 7: a password without a username (or the reverse) used to turn authentication off
 * silently and serve /metrics to anyone; it now fails build() naming both settings.
 */
class HalfConfiguredBasicAuthFailsBuild {

  // issue 9 item 7
  @Test
  void aPasswordAloneFailsBuildNamingBothSettings() {
    System.setProperty(ConfigKeys.PROMETHEUS_PASSWORD, "s3cret");
    try {
      assertThatThrownBy(() -> TestPillars.builder().build())
          .isInstanceOf(PillarsConfigurationException.class)
          .hasMessageContaining("without a username")
          .hasMessageContaining("PILLARS_PROMETHEUS_USERNAME")
          .hasMessageContaining("PILLARS_PROMETHEUS_PASSWORD")
          .hasMessageContaining("prometheusBasicAuth")
          .hasMessageNotContaining("s3cret");
    } finally {
      System.clearProperty(ConfigKeys.PROMETHEUS_PASSWORD);
    }
  }

  // issue 9 item 7
  @Test
  void aUsernameAloneFailsBuildNamingBothSettings() {
    assertThatThrownBy(
            () -> TestPillars.builder().property(ConfigKeys.PROMETHEUS_USERNAME, "scraper").build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("without a password")
        .hasMessageContaining("PILLARS_PROMETHEUS_USERNAME")
        .hasMessageContaining("PILLARS_PROMETHEUS_PASSWORD");
  }

  // issue 9 item 7: the builder refuses an empty password at once
  @Test
  void theBuilderRefusesAnEmptyPassword() {
    assertThatThrownBy(() -> TestPillars.builder().prometheusBasicAuth("scraper", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("password");
  }
}
