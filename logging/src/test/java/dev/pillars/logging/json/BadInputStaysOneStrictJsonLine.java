package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.pillars.logging.LogCapture;
import dev.pillars.logging.StrictJson;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

class BadInputStaysOneStrictJsonLine {

  /** Each entry is surrounded by "<" and ">" so that damage to neighbours shows. */
  static final Map<String, String> CORPUS =
      Map.ofEntries(
          Map.entry("cr", "a\rb"),
          Map.entry("lf", "a\nb"),
          Map.entry("crlf", "a\r\nb"),
          Map.entry("nul", "a\u0000b"),
          Map.entry("esc", "a\u001b[31mred\u001b[0mb"),
          Map.entry("quotes_braces", "a\"}{\"level\":\"ERROR\"b"),
          Map.entry("backslash", "a\\\"b\\"),
          Map.entry("line_separators", "a\u2028b\u2029c"),
          Map.entry("emoji_pair", "a\uD83D\uDE00b"),
          Map.entry("tab_del", "a\t\u007fb"));

  /** Text that cannot be encoded, and what it must become. */
  static final Map<String, String> UNENCODABLE =
      Map.of(
          "lone_high", "a\uD800b",
          "lone_low", "a\uDC00b",
          "reversed", "a\uDE00\uD83Db",
          "high_at_end", "ab\uD800");

  static final Map<String, String> CLEANED =
      Map.of(
          "lone_high", "a\uFFFDb",
          "lone_low", "a\uFFFDb",
          "reversed", "a\uFFFD\uFFFDb",
          "high_at_end", "ab\uFFFD");

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  private static void assertOneStrictLinePerEvent(LogCapture capture, int events) {
    List<String> lines = capture.lines();
    assertThat(lines).hasSize(events);
    for (String line : lines) {
      assertThat(line).doesNotContain("\r", "\u2028", "\u2029");
      StrictJson.parse(line);
    }
  }

  @Test
  void hostileMessagesKeepEveryCharacterAndStayOneLine() {
    try (LogCapture capture = new LogCapture()) {
      Logger logger = capture.logger("bad");
      CORPUS.forEach((name, text) -> logger.info("<" + text + ">"));

      assertOneStrictLinePerEvent(capture, CORPUS.size());
      assertThat(capture.json())
          .extracting(l -> l.get("message").asString())
          .containsExactlyElementsOf(CORPUS.values().stream().map(t -> "<" + t + ">").toList());
      assertThat(capture.json())
          .allSatisfy(l -> assertThat(l.get("level").asString()).isEqualTo("INFO"));
    }
  }

  @Test
  void unencodableSurrogatesBecomeReplacementCharactersAndNeighboursSurvive() {
    try (LogCapture capture = new LogCapture()) {
      Logger logger = capture.logger("bad");
      long cleanedBefore = LoggingSelfMetrics.CLEANED.count();
      UNENCODABLE.forEach(
          (name, text) -> {
            MDC.put("value", "<" + text + ">");
            logger.atWarn().setMessage("<" + text + ">").addKeyValue("kv", "<" + text + ">").log();
          });

      assertOneStrictLinePerEvent(capture, UNENCODABLE.size());
      List<JsonNode> lines = capture.json();
      List<String> expected =
          UNENCODABLE.keySet().stream().map(k -> "<" + CLEANED.get(k) + ">").toList();
      assertThat(lines)
          .extracting(l -> l.get("message").asString())
          .containsExactlyElementsOf(expected);
      assertThat(lines).extracting(l -> l.get("kv").asString()).containsExactlyElementsOf(expected);
      assertThat(lines)
          .extracting(l -> l.get("value").asString())
          .containsExactlyElementsOf(expected);
      assertThat(LoggingSelfMetrics.CLEANED.count() - cleanedBefore).isEqualTo(3L * 5);
    }
  }

  @Test
  void hostileMdcKeyValuesAndExceptionTextAreEscapedNotInterpreted() {
    try (LogCapture capture = new LogCapture()) {
      Logger logger = capture.logger("bad");
      CORPUS.forEach(
          (name, text) -> {
            MDC.put("mdc_" + name, "<" + text + ">");
            logger
                .atError()
                .setMessage("m")
                .addKeyValue("kv_" + name, "<" + text + ">")
                .setCause(new IllegalArgumentException("<" + text + ">"))
                .log();
            MDC.remove("mdc_" + name);
          });

      assertOneStrictLinePerEvent(capture, CORPUS.size());
      List<JsonNode> lines = capture.json();
      int i = 0;
      for (Map.Entry<String, String> entry : CORPUS.entrySet()) {
        JsonNode line = lines.get(i++);
        String expected = "<" + entry.getValue() + ">";
        assertThat(line.get("mdc_" + entry.getKey()).asString()).isEqualTo(expected);
        assertThat(line.get("kv_" + entry.getKey()).asString()).isEqualTo(expected);
        assertThat(line.get("stack_trace").asString())
            .startsWith("java.lang.IllegalArgumentException: " + expected);
        assertThat(line.get("level").asString()).isEqualTo("ERROR");
      }
    }
  }

  @Test
  void aOneMebibyteMessageIsOneCompleteLine() {
    try (LogCapture capture = new LogCapture()) {
      String big = "x".repeat(1024 * 1024 - 2);
      capture.logger("big").info("<" + big + ">");
      capture.logger("big").info("after");

      assertOneStrictLinePerEvent(capture, 2);
      assertThat(capture.json().get(0).get("message").asString()).isEqualTo("<" + big + ">");
      assertThat(capture.json().get(1).get("message").asString()).isEqualTo("after");
    }
  }

  @Test
  void mdcAndKeyValueNamesThatClashWithLineFieldsAreRenamedNotDuplicated() {
    try (LogCapture capture = new LogCapture()) {
      long renamedBefore = LoggingSelfMetrics.RENAMED.count();
      MDC.put("message", "from mdc");
      MDC.put("level", "from mdc");
      MDC.put("timestamp", "from mdc");
      MDC.put("attempt", "mdc");
      capture
          .logger("clash")
          .atInfo()
          .setMessage("real message")
          .addKeyValue("level", "kv")
          .addKeyValue("attempt", 2)
          .addKeyValue("attempt", 3)
          .log();

      assertOneStrictLinePerEvent(capture, 1);
      JsonNode line = capture.json().get(0);
      assertThat(line.get("message").asString()).isEqualTo("real message");
      assertThat(line.get("level").asString()).isEqualTo("INFO");
      assertThat(line.get("kv_level").asString()).isEqualTo("kv");
      assertThat(line.get("attempt").asLong()).isEqualTo(2);
      assertThat(line.get("kv_attempt").asLong()).isEqualTo(3);
      assertThat(line.get("mdc_attempt").asString()).isEqualTo("mdc");
      assertThat(line.get("mdc_message").asString()).isEqualTo("from mdc");
      assertThat(line.get("mdc_level").asString()).isEqualTo("from mdc");
      assertThat(line.get("mdc_timestamp").asString()).isEqualTo("from mdc");
      assertThat(LoggingSelfMetrics.RENAMED.count() - renamedBefore).isEqualTo(6);
    }
  }
}
