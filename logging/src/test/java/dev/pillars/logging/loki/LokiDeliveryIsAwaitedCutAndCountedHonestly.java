package dev.pillars.logging.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LokiReceiver;
import dev.pillars.logging.LokiSetup;
import dev.pillars.logging.StrictJson;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 9 item 17: awaitEmpty, the cut of a long line, and what a slow Loki costs. */
class LokiDeliveryIsAwaitedCutAndCountedHonestly {

  @Test
  void awaitEmptyIsFalseWhileEventsStillWaitInABatchAndTrueOnceLokiHasThemAll() throws Exception {
    // issue 9 item 17: returned true after 25 ms with 0 of 100 events sent
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> s.batch.setTimeoutMs(3_000))) {
      for (int i = 0; i < 100; i++) {
        setup.logger.info("waiting " + i);
      }
      assertThat(setup.appender.awaitEmpty(25)).isFalse();
      assertThat(loki.entries()).isEmpty();

      assertThat(setup.appender.awaitEmpty(20_000)).isTrue();
      assertThat(loki.entries()).hasSize(100);
    }
  }

  @Test
  void aLongAsciiLineIsCutToExactlyTheByteLimit() throws Exception {
    // issue 9 item 17: a cut 300 KB line kept only 43,349 characters
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
      setup.logger.info("x".repeat(300 * 1024));
      assertThat(setup.appender.awaitEmpty(20_000)).isTrue();

      String line = loki.entries().get(0).line();
      assertThat(line.getBytes(StandardCharsets.UTF_8).length)
          .isEqualTo(LokiJsonAppender.DEFAULT_MAX_LINE_BYTES);
      JsonNode json = StrictJson.parse(line);
      long original = json.get(TruncatedLineEvent.FIELD).asLong();
      assertThat(original).isGreaterThan(300 * 1024);
      String message = json.get("message").asString();
      assertThat(message).endsWith(" ...[truncated: line was " + original + " bytes]");
      assertThat(message.length()).isGreaterThan(260_000);
    }
  }

  @Test
  void multiByteAndEscapedTextIsCutAsCloseToTheLimitAsItsCharactersAllow() throws Exception {
    // issue 9 item 17: the cut counts the bytes each character really takes
    int max = 8192;
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> s.appender.setMaxLineBytes(max))) {
      setup.logger.info("é€\"\n😀".repeat(5_000));
      setup.logger.info("\u0001\u2028a".repeat(5_000));
      assertThat(setup.appender.awaitEmpty(20_000)).isTrue();

      assertThat(loki.entries()).hasSize(2);
      for (LokiReceiver.Entry entry : loki.entries()) {
        int bytes = entry.line().getBytes(StandardCharsets.UTF_8).length;
        // The widest character here takes 6 bytes escaped: nothing wider than that is left over.
        assertThat(bytes).isBetween(max - 6, max);
        assertThat(entry.json().get(TruncatedLineEvent.FIELD).asLong()).isGreaterThan(max);
      }
    }
  }

  @Test
  void requestsThatTimeOutAreResentAndCountedAsUnconfirmedNotLost() throws Exception {
    // issue 9 item 17: Loki stored the batch each time; it was counted lost and sent three times
    try (LokiReceiver loki = new LokiReceiver()) {
      loki.answerAfter(Duration.ofMillis(1_500));
      long failedBefore = LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_SEND_FAILED);
      long unconfirmedBefore = LoggingSelfMetrics.LOKI_UNCONFIRMED.count();
      long resentBefore = LoggingSelfMetrics.LOKI_RESENT.count();
      try (LokiSetup setup =
          new LokiSetup(
              loki.url(),
              s -> {
                s.http.setRequestTimeoutMs(200);
                s.http.setMaxRetries(2);
                s.batch.setTimeoutMs(50);
              })) {
        for (int i = 0; i < 10; i++) {
          setup.logger.info("slow " + i);
        }
        assertThat(setup.appender.awaitEmpty(20_000)).isTrue();
      }
      assertThat(LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_SEND_FAILED) - failedBefore)
          .as("Loki may hold them: not counted as lost")
          .isZero();
      assertThat(LoggingSelfMetrics.LOKI_UNCONFIRMED.count() - unconfirmedBefore).isEqualTo(10);
      assertThat(LoggingSelfMetrics.LOKI_RESENT.count() - resentBefore)
          .as("two resends of ten events")
          .isEqualTo(20);
      assertThat(LokiReceiver.await(Duration.ofSeconds(10), () -> loki.entries().size() == 30))
          .as("at least once: the receiver stored every attempt")
          .isTrue();
    }
  }

  @Test
  void entriesOfAPushBodyAreCountedWithoutParsingIt() {
    String body =
        "{\"streams\":[{\"stream\":{\"service\":\"a[\\\"b\",\"level\":\"INFO\"},\"values\":"
            + "[[\"1\",\"{\\\"message\\\":\\\"[\\\\\\\"x\\\"}\"],[\"2\",\"y\"]]},"
            + "{\"stream\":{\"level\":\"WARN\"},\"values\":[[\"3\",\"z\"]]}]}";
    StrictJson.parse(body);
    assertThat(
            LokiDeliveryCounts.countEntries(
                java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(3);
  }
}
