package dev.pillars.logging.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LokiSetup;
import org.junit.jupiter.api.Test;

class LokiAppenderRefusesBadConfiguration {

  @Test
  void aTinyLineLimitIsReportedWithTheFix() {
    try (LokiSetup setup =
        new LokiSetup("http://127.0.0.1:9/loki/api/v1/push", s -> s.appender.setMaxLineBytes(10))) {
      assertThat(setup.appender.isStarted()).isFalse();
      assertThat(setup.errors())
          .containsExactly(
              "LokiJsonAppender not started: maxLineBytes=10 is too small; set <maxLineBytes>"
                  + " to at least 4096 (Loki's default limit is 262144)");
    }
  }

  @Test
  void aUrlThatIsNotHttpIsReportedWithTheFix() {
    try (LokiSetup setup = new LokiSetup("loki:3100", s -> {})) {
      assertThat(setup.appender.isStarted()).isFalse();
      assertThat(setup.errors()).hasSize(1);
      assertThat(setup.errors().get(0))
          .startsWith("LokiJsonAppender not started: push url 'loki:3100'")
          .endsWith("set <http><url> to http://HOST:3100/loki/api/v1/push");
    }
  }

  @Test
  void aBatchSmallerThanALineIsReportedWithTheFix() {
    try (LokiSetup setup =
        new LokiSetup("http://127.0.0.1:9/loki/api/v1/push", s -> s.batch.setMaxBytes(100_000))) {
      assertThat(setup.appender.isStarted()).isFalse();
      assertThat(setup.errors())
          .containsExactly(
              "LokiJsonAppender not started: <batch><maxBytes> (100000) must exceed"
                  + " <maxLineBytes> (262144) by at least 1024; raise maxBytes or lower"
                  + " maxLineBytes");
    }
  }
}
