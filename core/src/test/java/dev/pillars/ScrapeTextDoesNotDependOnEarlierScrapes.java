package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A scrape writes what a first scrape of the same recordings writes, whatever came before it: the
 * reader keeps no state between scrapes that could leave out, repeat or misplace a series (series
 * added since, label values that sort between old ones).
 */
class ScrapeTextDoesNotDependOnEarlierScrapes {

  @Test
  void aRegistryScrapedBeforeWritesWhatAFreshOneWrites() {
    try (Pillars scraped = TestPillars.builder().build();
        Pillars fresh = TestPillars.builder().build()) {
      for (int i = 0; i < 300; i += 2) {
        record(scraped, i);
        record(fresh, i);
      }
      assertThat(scraped.metricsText()).isEqualTo(fresh.metricsText());
      for (int i = 1; i < 300; i += 2) {
        record(scraped, i);
      }
      scraped.metricsText();
      record(scraped, 1000);
      String afterScrapes = scraped.metricsText();

      try (Pillars first = TestPillars.builder().build()) {
        for (int i = 0; i < 300; i++) {
          record(first, i);
        }
        record(first, 1000);
        assertThat(afterScrapes).isEqualTo(first.metricsText());
      }
    }
  }

  private static void record(Pillars pillars, int i) {
    pillars.metrics().incrementCounter("ordered_jobs", i + 1, "job", "j" + i, "kind", "k" + i % 3);
    pillars.metrics().setGauge("ordered_depth", i, "queue", "q" + i);
  }
}
