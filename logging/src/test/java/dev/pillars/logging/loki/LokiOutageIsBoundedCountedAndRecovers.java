package dev.pillars.logging.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LokiReceiver;
import dev.pillars.logging.LokiSetup;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LokiOutageIsBoundedCountedAndRecovers {

  private static long lokiDrops() {
    return LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_QUEUE_FULL)
        + LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_SEND_FAILED)
        + LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_REJECTED);
  }

  @Test
  void whileLokiIsDownEventsAreDroppedAndCountedAndDeliveryResumesWhenItReturns() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      LokiSetup setup =
          new LokiSetup(
              loki.url(),
              s -> {
                s.appender.setMaxLineBytes(4096);
                s.batch.setMaxBytes(8 * 1024);
                s.batch.setSendQueueMaxBytes(40 * 1024); // about 100 lines of ~300 bytes
                s.http.setMaxRetries(2);
              });
      try {
        long dropsBefore = lokiDrops();
        long queueFullBefore = LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_QUEUE_FULL);
        loki.goDown();
        int sent = 0;
        String padding = "p".repeat(200);
        for (int i = 0; i < 3000; i++) {
          setup.logger.atInfo().setMessage("down " + padding).addKeyValue("n", sent++).log();
        }
        assertThat(LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_QUEUE_FULL) - queueFullBefore)
            .as("send queue is bounded: most of the outage is refused at once")
            .isGreaterThan(1000);

        loki.comeBack();
        // The first push after the outage may meet a stale connection: keep logging until one
        // line lands, then require every later line.
        final int[] probe = {0};
        boolean resumed =
            LokiReceiver.await(
                Duration.ofSeconds(20),
                () -> {
                  setup.logger.atInfo().setMessage("probe").addKeyValue("probe", probe[0]++).log();
                  return loki.entries().stream().anyMatch(e -> e.line().contains("\"probe\""));
                });
        sent += probe[0];
        assertThat(resumed).as("delivery resumed").isTrue();
        for (int i = 0; i < 20; i++) {
          setup.logger.atInfo().setMessage("back").addKeyValue("n", sent++).log();
        }
        setup.close();

        long delivered = loki.entries().size();
        long dropped = lokiDrops() - dropsBefore;
        assertThat(dropped).isPositive();
        assertThat(delivered + dropped).as("every event is delivered or counted").isEqualTo(sent);
        assertThat(loki.entries())
            .filteredOn(e -> e.json().get("message").asString().equals("back"))
            .hasSize(20);
      } finally {
        setup.close();
      }
    }
  }

  @Test
  void aBatchLokiRejectsIsCountedAsRejectedNotRetried() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      loki.respondWith(400);
      long rejectedBefore = LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_REJECTED);
      try (LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
        for (int i = 0; i < 5; i++) {
          setup.logger.info("rejected");
        }
      }
      assertThat(LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_REJECTED) - rejectedBefore)
          .isEqualTo(5);
    }
  }

  @Test
  void stopDrainsWhatIsStillBatched() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      LokiSetup setup = new LokiSetup(loki.url(), s -> s.batch.setTimeoutMs(60_000));
      for (int i = 0; i < 25; i++) {
        setup.logger.info("queued");
      }
      assertThat(loki.entries()).isEmpty();
      setup.close();
      assertThat(loki.entries()).hasSize(25);
    }
  }
}
