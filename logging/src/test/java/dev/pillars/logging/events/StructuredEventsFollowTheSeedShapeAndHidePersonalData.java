package dev.pillars.logging.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LogCapture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StructuredEventsFollowTheSeedShapeAndHidePersonalData {

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  private static String expectedHash(String salt, String value) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest((salt + value).getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
  }

  @Test
  void requestResponseAndErrorAreOneTypedLineEachWithHashedQueryAndUser() throws Exception {
    SdkTracerProvider tracing = SdkTracerProvider.builder().build();
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger events =
          StructuredLogger.builder(capture.logger("__main__")).hashSalt("pepper").build();
      Span span = tracing.get("test").spanBuilder("rag").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        events.logRequest(
            "What are the latest sales figures?", "alice", "sess_12345", "/api/query");
        events.logResponse(1250.5, 450, 180, 0.0234, true, "gpt-4", false);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("user_id", "alice");
        context.put("endpoint", "/api/query");
        context.put("retry_attempt", 3);
        events.logError(
            new IllegalStateException("API rate limit exceeded for alice@example.com"), context);
      } finally {
        span.end();
      }

      List<JsonNode> lines = capture.json();
      assertThat(lines).hasSize(3);
      List<String> common =
          List.of(
              "timestamp",
              "level",
              "logger",
              "message",
              "service",
              "environment",
              "trace_id",
              "span_id",
              "trace_flags");

      JsonNode request = lines.get(0);
      List<String> requestFields = new ArrayList<>(common);
      requestFields.addAll(
          List.of("event_type", "query", "query_chars", "user_id", "session_id", "endpoint"));
      assertThat(names(request)).containsExactlyElementsOf(requestFields);
      assertThat(request.get("event_type").asString()).isEqualTo("request");
      assertThat(request.get("query").asString())
          .isEqualTo(expectedHash("pepper", "What are the latest sales figures?"));
      assertThat(request.get("query_chars").asInt()).isEqualTo(34);
      assertThat(request.get("user_id").asString()).isEqualTo(expectedHash("pepper", "alice"));
      assertThat(request.get("session_id").asString()).isEqualTo("sess_12345");
      assertThat(request.get("trace_id").asString()).isEqualTo(span.getSpanContext().getTraceId());

      JsonNode response = lines.get(1);
      List<String> responseFields = new ArrayList<>(common);
      responseFields.addAll(
          List.of(
              "event_type",
              "duration_ms",
              "input_tokens",
              "output_tokens",
              "cost_usd",
              "success",
              "model",
              "cache_hit"));
      assertThat(names(response)).containsExactlyElementsOf(responseFields);
      assertThat(response.get("message").asString()).isEqualTo("Response completed");
      assertThat(response.get("level").asString()).isEqualTo("INFO");
      assertThat(response.get("duration_ms").isNumber()).isTrue();
      assertThat(response.get("duration_ms").asDouble()).isEqualTo(1250.5);
      assertThat(response.get("input_tokens").isIntegralNumber()).isTrue();
      assertThat(response.get("input_tokens").asLong()).isEqualTo(450);
      assertThat(response.get("output_tokens").asLong()).isEqualTo(180);
      assertThat(response.get("cost_usd").asDouble()).isEqualTo(0.0234);
      assertThat(response.get("success").isBoolean()).isTrue();
      assertThat(response.get("cache_hit").asBoolean()).isFalse();
      assertThat(response.get("model").asString()).isEqualTo("gpt-4");

      JsonNode error = lines.get(2);
      List<String> errorFields = new ArrayList<>(common);
      errorFields.addAll(
          List.of(
              "event_type",
              "error_type",
              "error_message",
              "user_id",
              "endpoint",
              "retry_attempt",
              "stack_trace"));
      assertThat(names(error)).containsExactlyElementsOf(errorFields);
      assertThat(error.get("level").asString()).isEqualTo("ERROR");
      assertThat(error.get("error_type").asString()).isEqualTo("java.lang.IllegalStateException");
      assertThat(error.get("error_message").asString())
          .isEqualTo("API rate limit exceeded for [redacted-email]");
      assertThat(error.get("stack_trace").asString()).doesNotContain("alice@example.com");
      assertThat(error.get("user_id").asString()).isEqualTo(expectedHash("pepper", "alice"));
      assertThat(error.get("retry_attempt").isIntegralNumber()).isTrue();
    } finally {
      tracing.close();
    }
  }

  @Test
  void plainTextIsAnExplicitOptInAndRedactIsAvailable() {
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger.builder(capture.logger("optin"))
          .queryPolicy(SensitiveTextPolicy.PLAIN)
          .userIdPolicy(SensitiveTextPolicy.REDACT)
          .build()
          .logRequest("refund policy?", "bob", null, null);

      JsonNode line = capture.json().get(0);
      assertThat(line.get("query").asString()).isEqualTo("refund policy?");
      assertThat(line.get("user_id").asString()).isEqualTo("[redacted]");
      assertThat(line.has("session_id")).isFalse();
      assertThat(line.has("endpoint")).isFalse();
    }
  }

  @Test
  void anUnknownCostIsLeftOutAndAFailureIsAWarning() {
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger.of(capture.logger("cost"))
          .logResponse(10, 1, 2, Double.NaN, false, null, true);

      JsonNode line = capture.json().get(0);
      assertThat(line.has("cost_usd")).isFalse();
      assertThat(line.has("model")).isFalse();
      assertThat(line.get("level").asString()).isEqualTo("WARN");
      assertThat(line.get("success").asBoolean()).isFalse();
    }
  }
}
