package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.pillars.logging.LogCapture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

class JsonLineCarriesSeedFields {

  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();

  @AfterEach
  void tearDown() {
    MDC.clear();
    tracerProvider.close();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  @Test
  void insideASpanTheLineHasExactlyTheSeedFieldsAndTheSpansIds() {
    try (LogCapture capture = new LogCapture()) {
      Logger logger = capture.logger("com.example.Rag");
      Span span = tracerProvider.get("test").spanBuilder("query").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        logger
            .atInfo()
            .setMessage("Response completed")
            .addKeyValue("event_type", "response")
            .addKeyValue("duration_ms", 1250.5)
            .addKeyValue("input_tokens", 450)
            .addKeyValue("success", true)
            .log();
      } finally {
        span.end();
      }

      List<JsonNode> lines = capture.json();
      assertThat(lines).hasSize(1);
      JsonNode line = lines.get(0);
      assertThat(names(line))
          .containsExactly(
              "timestamp",
              "level",
              "logger",
              "message",
              "service",
              "environment",
              "trace_id",
              "span_id",
              "trace_flags",
              "event_type",
              "duration_ms",
              "input_tokens",
              "success");
      assertThat(line.get("timestamp").asString())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
      assertThat(line.get("level").asString()).isEqualTo("INFO");
      assertThat(line.get("logger").asString()).isEqualTo("com.example.Rag");
      assertThat(line.get("message").asString()).isEqualTo("Response completed");
      assertThat(line.get("service").asString()).isEqualTo("rag-service");
      assertThat(line.get("environment").asString()).isEqualTo("test");
      assertThat(line.get("trace_id").asString()).isEqualTo(span.getSpanContext().getTraceId());
      assertThat(line.get("span_id").asString()).isEqualTo(span.getSpanContext().getSpanId());
      assertThat(line.get("trace_flags").asString())
          .isEqualTo(span.getSpanContext().getTraceFlags().asHex());
      assertThat(Integer.parseInt(line.get("trace_flags").asString(), 16) & 1)
          .as("sampled bit")
          .isEqualTo(1);
      assertThat(line.get("duration_ms").isDouble()).isTrue();
      assertThat(line.get("duration_ms").asDouble()).isEqualTo(1250.5);
      assertThat(line.get("input_tokens").isIntegralNumber()).isTrue();
      assertThat(line.get("input_tokens").asLong()).isEqualTo(450);
      assertThat(line.get("success").isBoolean()).isTrue();
    }
  }

  @Test
  void outsideASpanTheTraceFieldsAreAbsentNotEmpty() {
    try (LogCapture capture = new LogCapture()) {
      capture.logger("plain").info("no span here");

      JsonNode line = capture.json().get(0);
      assertThat(names(line))
          .containsExactly("timestamp", "level", "logger", "message", "service", "environment");
    }
  }

  @Test
  void mdcEntriesFollowKeyValuesAndTheStackTraceComesLast() {
    try (LogCapture capture = new LogCapture()) {
      MDC.put("request_id", "xyz-123");
      capture
          .logger("errors")
          .atError()
          .setMessage("Request failed")
          .addKeyValue("retry_attempt", 3)
          .setCause(new IllegalStateException("rate limit exceeded"))
          .log();

      JsonNode line = capture.json().get(0);
      assertThat(names(line))
          .containsExactly(
              "timestamp",
              "level",
              "logger",
              "message",
              "service",
              "environment",
              "retry_attempt",
              "request_id",
              "stack_trace");
      assertThat(line.get("request_id").asString()).isEqualTo("xyz-123");
      assertThat(line.get("stack_trace").asString())
          .startsWith("java.lang.IllegalStateException: rate limit exceeded")
          .contains("\tat dev.pillars.logging.json.JsonLineCarriesSeedFields")
          .doesNotEndWith("\n");
    }
  }

  @Test
  void everyFieldNameCanBeChanged() {
    try (LogCapture capture =
        new LogCapture(
            e -> {
              e.setTimestampFieldName("@timestamp");
              e.setLevelFieldName("severity");
              e.setLoggerFieldName("logger_name");
              e.setMessageFieldName("msg");
              e.setServiceFieldName("service.name");
              e.setEnvironmentFieldName("deployment.environment.name");
            })) {
      capture.logger("renamed").warn("hello");

      assertThat(names(capture.json().get(0)))
          .containsExactly(
              "@timestamp",
              "severity",
              "logger_name",
              "msg",
              "service.name",
              "deployment.environment.name");
    }
  }
}
