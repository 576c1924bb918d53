package dev.pillars.logging.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LokiReceiver;
import dev.pillars.logging.LokiSetup;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LokiPushCarriesStaticLabelsAndOrderedLines {

  @Test
  void linesArriveAsStrictJsonUnderServiceEnvironmentAndLevelLabelsInOrder() throws Exception {
    SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
      Span span = tracing.get("test").spanBuilder("request").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        for (int i = 0; i < 30; i++) {
          setup
              .logger
              .atInfo()
              .setMessage("info {}")
              .addArgument(i)
              .addKeyValue("n", i)
              .addKeyValue("user_hash", "abc")
              .log();
          if (i % 10 == 0) {
            setup.logger.atError().setMessage("error").addKeyValue("n", i).log();
          }
        }
      } finally {
        span.end();
      }
      setup.close(); // drains

      List<LokiReceiver.Entry> entries = loki.entries();
      assertThat(entries).hasSize(33);
      assertThat(loki.contentTypes()).allSatisfy(t -> assertThat(t).isEqualTo("application/json"));
      assertThat(entries)
          .extracting(LokiReceiver.Entry::labels)
          .containsOnly(
              Map.of("service", "rag-service", "environment", "test", "level", "INFO"),
              Map.of("service", "rag-service", "environment", "test", "level", "ERROR"));
      List<LokiReceiver.Entry> info =
          entries.stream().filter(e -> e.labels().get("level").equals("INFO")).toList();
      assertThat(info)
          .extracting(e -> e.json().get("n").asInt())
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30).boxed().toList());
      assertThat(info)
          .extracting(e -> e.json().get("message").asString())
          .startsWith("info 0", "info 1");
      for (LokiReceiver.Entry entry : entries) {
        JsonNode line = entry.json();
        assertThat(line.get("trace_id").asString()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(line.get("span_id").asString()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(entry.timestampNanos()).matches("\\d{19}");
        assertThat(entry.labels()).doesNotContainKeys("trace_id", "user_hash", "n");
      }
    } finally {
      tracing.close();
    }
  }

  @Test
  void aPoisonEventIsDeliveredCleanedAndDoesNotCostItsNeighbours() throws Exception {
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
      long cleanedBefore = LoggingSelfMetrics.CLEANED.count();
      setup.logger.info("before");
      setup
          .logger
          .atWarn()
          .setMessage("poison \uD800 \u0000 \u001b \uDC00\uD800 end")
          .addKeyValue("bad", "x\uDFFFy")
          .log();
      setup.logger.info("after");
      setup.close();

      List<LokiReceiver.Entry> entries = loki.entries();
      assertThat(entries)
          .extracting(e -> e.json().get("message").asString())
          .containsExactlyInAnyOrder(
              "before", "poison \uFFFD \u0000 \u001b \uFFFD\uFFFD end", "after");
      JsonNode poison =
          entries.stream()
              .filter(e -> e.labels().get("level").equals("WARN"))
              .findFirst()
              .orElseThrow()
              .json();
      assertThat(poison.get("bad").asString()).isEqualTo("x\uFFFDy");
      assertThat(LoggingSelfMetrics.CLEANED.count() - cleanedBefore).isEqualTo(4);
    }
  }

  @Test
  void aLineOverTheLimitIsTruncatedWithAMarkerAndStaysStrictJson() throws Exception {
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
      long truncatedBefore = LoggingSelfMetrics.TRUNCATED.count();
      String huge = "\u0001".repeat(300 * 1024); // escapes to 6 bytes each: ~1.8 MB of JSON
      setup.logger.info("before");
      setup
          .logger
          .atError()
          .setMessage(huge)
          .addKeyValue("k", "v")
          .setCause(new IllegalStateException("boom"))
          .log();
      setup.logger.info("after");
      setup.close();

      List<LokiReceiver.Entry> entries = loki.entries();
      assertThat(entries).hasSize(3);
      LokiReceiver.Entry truncated =
          entries.stream()
              .filter(e -> e.labels().get("level").equals("ERROR"))
              .findFirst()
              .orElseThrow();
      assertThat(truncated.line().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(LokiJsonAppender.DEFAULT_MAX_LINE_BYTES);
      JsonNode line = truncated.json();
      assertThat(line.get("message").asString())
          .startsWith("\u0001\u0001")
          .endsWith(" ...[truncated: line was " + line.get("truncated_bytes").asLong() + " bytes]");
      assertThat(line.get("truncated_bytes").asLong()).isGreaterThan(6L * 300 * 1024);
      assertThat(line.get("level").asString()).isEqualTo("ERROR");
      assertThat(line.has("stack_trace")).isFalse();
      assertThat(LoggingSelfMetrics.TRUNCATED.count() - truncatedBefore).isEqualTo(1);
      assertThat(entries)
          .extracting(e -> e.json().get("message").asString())
          .contains("before", "after");
    }
  }

  @Test
  void withoutDrainingTheBatchTimeoutStillDeliversWhileRunning() throws Exception {
    try (LokiReceiver loki = new LokiReceiver();
        LokiSetup setup = new LokiSetup(loki.url(), s -> {})) {
      setup.logger.info("soon");
      assertThat(LokiReceiver.await(Duration.ofSeconds(10), () -> loki.entries().size() == 1))
          .isTrue();
    }
  }
}
