package dev.pillars.logging.json;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LogCapture;
import dev.pillars.logging.StrictJson;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.util.List;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 14: {@code Markers.append(..)} and {@code kv(..)} without {@code {}} wrote nothing.
 */
class MarkersAndArgumentsWithoutPlaceholdersAreWritten {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void markersAndStructuredArgumentsBecomeTypedFieldsWithOrWithoutAPlaceholder() {
    try (LogCapture capture = new LogCapture()) {
      var logger = capture.logger("args");
      logger.info(
          Markers.append("order_id", 42).and(Markers.appendEntries(Map.of("tier", "gold"))),
          "order placed",
          kv("tenant", "acme"),
          kv("items", 3));
      logger.info("user {} paid", kv("amount", 9.5), value("currency", "EUR"));

      List<JsonNode> lines = capture.json();
      JsonNode first = lines.get(0);
      assertThat(first.get("message").asString()).isEqualTo("order placed");
      assertThat(first.get("order_id").isNumber()).isTrue();
      assertThat(first.get("order_id").asInt()).isEqualTo(42);
      assertThat(first.get("tier").asString()).isEqualTo("gold");
      assertThat(first.get("tenant").asString()).isEqualTo("acme");
      assertThat(first.get("items").asInt()).isEqualTo(3);

      JsonNode second = lines.get(1);
      assertThat(second.get("message").asString()).isEqualTo("user amount=9.5 paid");
      assertThat(second.get("amount").asDouble()).isEqualTo(9.5);
      assertThat(second.get("currency").asString()).isEqualTo("EUR");
    }
  }

  @Test
  void aMarkerOrArgumentNamedLikeAnotherFieldIsRenamedNeverDuplicated() {
    try (LogCapture capture = new LogCapture()) {
      long renamedBefore = LoggingSelfMetrics.RENAMED.count();
      MDC.put("tenant", "from-mdc");
      capture
          .logger("args")
          .atInfo()
          .addMarker(Markers.append("service", "forged").and(Markers.append("level", "x")))
          .setMessage("clash")
          .addArgument(kv("tenant", "from-arg"))
          .addArgument(kv("tenant", "again"))
          .addKeyValue("k", 1)
          .log();

      String line = capture.lines().get(0);
      JsonNode json = StrictJson.parse(line); // duplicate names would be rejected here
      assertThat(json.get("service").asString()).isEqualTo("rag-service");
      assertThat(json.get("arg_service").asString()).isEqualTo("forged");
      assertThat(json.get("level").asString()).isEqualTo("INFO");
      assertThat(json.get("arg_level").asString()).isEqualTo("x");
      assertThat(json.get("tenant").asString()).isEqualTo("from-mdc");
      assertThat(json.get("arg_tenant").asString()).isEqualTo("from-arg");
      assertThat(json.get("arg_tenant_2").asString()).isEqualTo("again");
      assertThat(LoggingSelfMetrics.RENAMED.count() - renamedBefore).isEqualTo(4);
    }
  }

  @Test
  void aRawJsonMarkerWithALineBreakStaysOnOneLine() {
    try (LogCapture capture = new LogCapture()) {
      capture.logger("args").info(Markers.appendRaw("payload", "{\n  \"a\": [1, 2]\n}"), "raw");
      capture.logger("args").info(Markers.appendRaw("broken", "not json\n{"), "raw");

      List<String> lines = capture.lines();
      assertThat(lines).hasSize(2);
      assertThat(StrictJson.parse(lines.get(0)).get("payload").get("a").get(1).asInt())
          .isEqualTo(2);
      assertThat(StrictJson.parse(lines.get(1)).get("broken").asString()).isEqualTo("not json\n{");
    }
  }
}
