package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsTextMatchesGoldenFile {

  @ParameterizedTest
  @ValueSource(strings = {"en-US", "de-DE", "fr-FR"})
  void exactTextUnderEveryDefaultLocale(String tag) throws IOException {
    Locale previous = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag(tag));
    try (Pillars pillars = TestPillars.builder().build()) {
      TestPillars.recordFixedSet(pillars);
      assertThat(pillars.metricsText()).isEqualTo(golden("golden/metrics.txt"));
    } finally {
      Locale.setDefault(previous);
    }
  }

  static String golden(String resource) throws IOException {
    try (InputStream in =
        MetricsTextMatchesGoldenFile.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
