package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import dev.pillars.logging.internal.BoundServiceIdentity;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * pillars-logging depends on the kit, not on pillars-core: its counters still reach a running
 * {@code Pillars}' {@code /metrics} under their pillars_logging_* names, found through the kit's
 * {@code InstrumentationBinder} service.
 */
class SelfMetricsReachTheMetricsEndpoint {

  @AfterEach
  void forgetTheBoundIdentity() {
    BoundServiceIdentity.set(null);
  }

  @Test
  void aRepairedLineAndEveryDropReasonAreScrapedFromTheEndpoint() throws Exception {
    try (LogCapture capture = new LogCapture()) {
      capture.logger("metrics.test").info("lone \uD800 surrogate");
    }
    try (Pillars pillars =
        Pillars.builder()
            .serviceName("logging-metrics")
            .prometheusHost("127.0.0.1")
            .prometheusPort(0)
            .registerGlobal(false)
            .runtimeMetrics(false)
            .shutdownHook(false)
            .build()) {
      InetSocketAddress address = pillars.prometheusAddress().orElseThrow();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      List<String> lines = response.body().lines().toList();

      assertThat(valueOf(lines, "pillars_logging_cleaned_characters_total{"))
          .isEqualTo(LoggingSelfMetrics.CLEANED.count())
          .isPositive();
      for (DropReason reason : DropReason.values()) {
        assertThat(valueOf(lines, "pillars_logging_dropped_total{", "reason=\"" + reason.label()))
            .isEqualTo(LoggingSelfMetrics.DROPPED.count(reason));
      }
      assertThat(lines)
          .anyMatch(l -> l.startsWith("pillars_logging_truncated_total{"))
          .anyMatch(l -> l.startsWith("pillars_logging_renamed_fields_total{"))
          .anyMatch(l -> l.startsWith("pillars_logging_redacted_total{"))
          .anyMatch(l -> l.startsWith("pillars_logging_loki_unconfirmed_total{"))
          .anyMatch(l -> l.startsWith("pillars_logging_loki_resent_total{"));
    }
  }

  /** The value of the one sample line that starts with {@code prefix} and holds every part. */
  private static long valueOf(List<String> lines, String prefix, String... parts) {
    List<String> matching =
        lines.stream()
            .filter(l -> l.startsWith(prefix))
            .filter(l -> Arrays.stream(parts).allMatch(l::contains))
            .toList();
    assertThat(matching).as("samples of %s %s", prefix, Arrays.toString(parts)).hasSize(1);
    String line = matching.get(0);
    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }
}
