package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.pillars.logging.LogCapture;
import dev.pillars.logging.StrictJson;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11: the encoder scrubs the names of its own fields and the service fields once, remembers
 * clean logger names with their encoded bytes, and hands trace ids over as bytes. Each line must
 * still be what scrubbing every string on every line gives: redacted, escaped, correlated.
 */
class EncoderFieldsAreScrubbedOnceAndWrittenAlike {

  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();

  @AfterEach
  void tearDown() {
    tracerProvider.close();
  }

  @Test
  void serviceFieldsAreRedactedAndEscapedOnEveryLine() {
    try (LogCapture capture =
        new LogCapture(
            encoder -> {
              encoder.setServiceName("rag carol@example.org");
              encoder.setEnvironment("prod\u2028east");
            })) {
      Logger logger = capture.logger("com.example.Rag");
      logger.info("first");
      logger.info("second");

      List<String> lines = capture.lines();
      assertThat(lines).hasSize(2);
      for (String line : lines) {
        assertThat(line)
            .contains("\"service\":\"rag [redacted-email]\"")
            .contains("\"environment\":\"prod\\u2028east\"")
            .doesNotContain("carol@", "\u2028");
        assertThat(StrictJson.parse(line).get("environment").asString())
            .isEqualTo("prod\u2028east");
      }
    }
  }

  @Test
  void repeatedLoggerNamesStayRedactedAndEscaped() {
    try (LogCapture capture = new LogCapture()) {
      Logger secret = capture.logger("audit.carol@example.org");
      Logger separator = capture.logger("com.example.caf\u00e9\u2029x");
      Logger plain = capture.logger("com.example.Plain");
      for (int i = 0; i < 3; i++) {
        secret.info("m");
        separator.info("m");
        plain.info("m");
      }

      List<String> lines = capture.lines();
      assertThat(lines).hasSize(9);
      for (int i = 0; i < 9; i += 3) {
        assertThat(lines.get(i)).contains("\"logger\":\"[redacted-email]\"");
        assertThat(lines.get(i + 1)).contains("\"logger\":\"com.example.caf\u00e9\\u2029x\"");
        assertThat(lines.get(i + 2)).contains("\"logger\":\"com.example.Plain\"");
      }
    }
  }

  @Test
  void theEncodersOwnFieldNamesPassTheRedactorsAndTheIdsAreTheSpans() {
    LogRedactor renameTraceFields =
        text -> text.startsWith("trace_") || text.equals("service") ? "x_" + text : text;
    try (LogCapture capture = new LogCapture(encoder -> encoder.addRedactor(renameTraceFields))) {
      Logger logger = capture.logger("com.example.Rag");
      Span span = tracerProvider.get("test").spanBuilder("query").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        logger.info("one");
        logger.info("two");
      } finally {
        span.end();
      }

      for (JsonNode line : capture.json()) {
        assertThat(line.has("trace_id")).isFalse();
        assertThat(line.has("service")).isFalse();
        assertThat(line.get("x_trace_id").asString()).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(line.get("span_id").asString()).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(line.get("x_trace_flags").asString())
            .isEqualTo(span.getSpanContext().getTraceFlags().asHex());
        assertThat(line.get("x_service").asString()).isEqualTo("rag-service");
      }
    }
  }

  /** A span context of someone else's making, whose ids are not hex. */
  private record ForeignSpanContext(String getTraceId, String getSpanId) implements SpanContext {
    @Override
    public TraceFlags getTraceFlags() {
      return TraceFlags.getSampled();
    }

    @Override
    public TraceState getTraceState() {
      return TraceState.getDefault();
    }

    @Override
    public boolean isRemote() {
      return false;
    }

    @Override
    public boolean isValid() {
      return true;
    }
  }

  @Test
  void idsThatAreNotHexAreWrittenAsTheStringsTheyAre() {
    // U+0161 and U+0130 end in the bytes of 'a' and '0': copied as bytes they would become hex.
    String traceId = "0123456789abcdef0123456789abcde\u0161";
    String spanId = "\"\u0130\n0123456789ab";
    try (LogCapture capture = new LogCapture()) {
      try (Scope ignored = Span.wrap(new ForeignSpanContext(traceId, spanId)).makeCurrent()) {
        capture.logger("com.example.Rag").info("foreign");
      }

      JsonNode line = StrictJson.parse(capture.lines().get(0));
      assertThat(line.get("trace_id").asString()).isEqualTo(traceId);
      assertThat(line.get("span_id").asString()).isEqualTo(spanId);
      assertThat(line.get("trace_flags").asString()).isEqualTo("01");
    }
  }
}
