package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.json.DefaultRedactor;
import dev.pillars.logging.json.PillarsJsonEncoder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventPatternJsonProvider;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 13: common secret spellings slipped past the rules, MDC and key-value names were
 * never redacted, and a user's own providers wrote secrets unredacted. A corpus of secrets goes
 * through every field source, on stdout lines and on the Loki path.
 */
class RedactionCoversEveryFieldSource {

  /** Secret text, and the part of it that must not appear in any line. */
  static final Map<String, String> CORPUS = new LinkedHashMap<>();

  static {
    CORPUS.put("carol@example.org", "carol@example.org");
    CORPUS.put("sk-proj-ABCDEFGHIJKLMNOPQRSTUV", "ABCDEFGHIJKLMNOPQRSTUV");
    CORPUS.put("key_sk-proj-ZYXWVUTSRQPONMLKJIHG", "ZYXWVUTSRQPONMLKJIHG");
    CORPUS.put("client_secret=cs4567abc", "cs4567abc");
    CORPUS.put("DB_PASSWORD=hunter2pw", "hunter2pw");
    CORPUS.put("refresh_token=rt98765zz", "rt98765zz");
    CORPUS.put("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENG", "wJalrXUtnFEMIK7MDENG");
    CORPUS.put("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA");
    CORPUS.put("Authorization: Bearer abcdefghijklmnop123", "abcdefghijklmnop123");
    CORPUS.put("Basic YWxpY2U6c2VzYW1l", "YWxpY2U6c2VzYW1l");
    CORPUS.put(
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
    CORPUS.put("https://admin:s3cr3tpass@db.internal/x", "s3cr3tpass");
    CORPUS.put("AKIAIOSFODNN7EXAMPLE", "IOSFODNN7EXAMPLE");
    CORPUS.put("ghp_abcdefghijklmnopqrstuvwxyz0123", "abcdefghijklmnopqrstuvwxyz0123");
    CORPUS.put("\"password\": \"quotedpw1\"", "quotedpw1");
  }

  static final String TEXT = String.join(" ; ", CORPUS.keySet());

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theDefaultRulesCatchEveryCorpusEntryAndAreIdempotent() {
    DefaultRedactor redactor = new DefaultRedactor();
    CORPUS.forEach(
        (secret, fragment) -> {
          String once = redactor.redact("x " + secret + " y");
          assertThat(once).as(secret).doesNotContain(fragment).contains("[redacted-");
          assertThat(redactor.redact(once)).as("idempotent: " + once).isSameAs(once);
        });
    assertThat(new DefaultRedactor().redact("client_secret=abc123"))
        .isEqualTo("client_secret=[redacted-secret]");
  }

  @Test
  void ordinaryTextLooksLikeNoSecretAndStaysTheSameInstance() {
    DefaultRedactor redactor = new DefaultRedactor();
    for (String harmless :
        List.of(
            "max_tokens=450 input_tokens: 12 tokenizer=bpe",
            "basic information about Basic Income",
            "secretary=bob, Author: Jane, author=x, passwordless=true",
            "cache key is user:42, monkey=banana",
            "took: 12 ms, tokens=450 keyword basic")) {
      assertThat(redactor.redact(harmless)).as(harmless).isSameAs(harmless);
    }
  }

  /** A provider of the user's own that writes a secret name and value. */
  static final class OwnProvider extends AbstractJsonProvider<ILoggingEvent> {
    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) {
      generator.writeStringProperty("own client_secret=cs4567abc", TEXT);
    }
  }

  private static void userProviders(PillarsJsonEncoder encoder) {
    LoggingEventPatternJsonProvider pattern = new LoggingEventPatternJsonProvider();
    pattern.setPattern("{\"who\":\"%mdc{ctx}\",\"said\":\"%message\"}");
    encoder.getProviders().addProvider(pattern);
    encoder.getProviders().addProvider(new OwnProvider());
  }

  /** Logs the corpus through every field source the encoder has. */
  private static void logFromEverySource(Logger logger) {
    logger.info(TEXT);
    logger.info("placeholder {}", TEXT);
    MDC.put("ctx", TEXT);
    MDC.put("carol@example.org", "mdc name");
    logger.info("with mdc");
    MDC.clear();
    logger
        .atInfo()
        .setMessage("kv")
        .addKeyValue("note", TEXT)
        .addKeyValue("client_secret=cs4567abc", 1)
        .log();
    logger.info("structured argument", StructuredArguments.kv("arg", TEXT));
    logger.info(
        Markers.append("marker", TEXT).and(Markers.append("nested", Map.of("inner", TEXT))),
        "markers");
    logger.info(Markers.appendRaw("raw", "{\"r\":\"" + TEXT.replace("\"", "\\\"") + "\"}"), "raw");
    logger.error("failed", new IllegalStateException(TEXT, new RuntimeException(TEXT)));
  }

  private static void assertClean(List<String> lines) {
    assertClean(lines, 8);
  }

  private static void assertClean(List<String> lines, int expected) {
    assertThat(lines).hasSize(expected);
    for (String line : lines) {
      StrictJson.parse(line);
      for (String fragment : CORPUS.values()) {
        assertThat(line).as("line %s", line).doesNotContain(fragment);
      }
    }
  }

  @Test
  void everyFieldSourceOfAStdoutLineIsRedacted() {
    try (LogCapture capture = new LogCapture(RedactionCoversEveryFieldSource::userProviders)) {
      logFromEverySource(capture.logger("redact"));
      assertClean(capture.lines());

      List<JsonNode> json = capture.json();
      assertThat(json.get(0).get("who").asString()).isEmpty();
      assertThat(json.get(2).get("who").asString()).contains("[redacted-email]");
      assertThat(json.get(2).get("[redacted-email]").asString()).isEqualTo("mdc name");
      assertThat(json.get(3).get("note").asString()).contains("[redacted-secret]");
      assertThat(json.get(3).get("client_secret=[redacted-secret]").asInt()).isEqualTo(1);
      assertThat(json.get(4).get("arg").asString()).contains("[redacted-secret]");
      assertThat(json.get(5).get("nested").get("inner").asString()).contains("[redacted-secret]");
      assertThat(json.get(6).get("raw").get("r").asString()).contains("[redacted-email]");
      assertThat(json.get(7).get("stack_trace").asString()).contains("[redacted-secret]");
      assertThat(json.get(0).get("own client_secret=[redacted-secret]").asString())
          .contains("[redacted-");
    }
  }

  @Test
  void aSecretUnderTheNameOfAFieldTheEncoderComputesIsRenamedAndStillRedacted() {
    // The encoder does not scan its own timestamp, level and trace id values; a user's value
    // under one of those names must not ride along unscanned.
    try (LogCapture capture = new LogCapture()) {
      MDC.put("level", TEXT);
      capture
          .logger("redact")
          .atInfo()
          .setMessage("m")
          .addKeyValue("timestamp", TEXT)
          .addKeyValue("trace_id", TEXT)
          .log();
      capture.logger("redact").info(Markers.append("span_id", TEXT), "marker");

      assertClean(capture.lines(), 2);
      JsonNode first = capture.json().get(0);
      assertThat(first.get("level").asString()).isEqualTo("INFO");
      assertThat(first.get("mdc_level").asString()).contains("[redacted-");
      assertThat(first.get("kv_timestamp").asString()).contains("[redacted-");
      assertThat(first.get("kv_trace_id").asString()).contains("[redacted-");
      assertThat(capture.json().get(1).get("arg_span_id").asString()).contains("[redacted-");
    }
  }

  @Test
  void namesAreCleanedOfLoneSurrogatesAndStayUnique() {
    try (LogCapture capture = new LogCapture()) {
      MDC.put("a\uD800", "high");
      MDC.put("a\uDC00", "low");
      capture.logger("redact").atInfo().setMessage("m").addKeyValue("b\uD800", 1).log();

      JsonNode line = StrictJson.parse(capture.lines().get(0));
      assertThat(line.get("b\uFFFD").asInt()).isEqualTo(1);
      assertThat(List.of(line.get("a\uFFFD").asString(), line.get("mdc_a\uFFFD").asString()))
          .containsExactlyInAnyOrder("high", "low");
    }
  }

  @Test
  void theLokiPathIsRedactedToo() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      Consumer<LokiSetup> none = s -> {};
      try (LokiSetup setup = new LokiSetup(loki.url(), none)) {
        logFromEverySource(setup.logger);
        assertThat(setup.appender.awaitEmpty(20_000)).isTrue();
      }
      assertThat(LokiReceiver.await(Duration.ofSeconds(10), () -> loki.entries().size() == 8))
          .isTrue();
      assertClean(loki.entries().stream().map(LokiReceiver.Entry::line).toList());
    }
  }
}
