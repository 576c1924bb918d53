package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

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

// issue 13: under the OpenTelemetry Java agent every line carried mdc_trace_id/mdc_span_id
class MdcCopiesOfTheSpanAreNotWrittenTwice {

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
  void theAgentsMdcEntriesForTheCurrentSpanAreDroppedOthersKept() {
    Span span = tracerProvider.get("test").spanBuilder("stage").startSpan();
    try (LogCapture capture = new LogCapture();
        Scope ignored = span.makeCurrent()) {
      // what the agent's Logback MDC instrumentation adds to each event
      MDC.put("trace_id", span.getSpanContext().getTraceId());
      MDC.put("span_id", span.getSpanContext().getSpanId());
      MDC.put("trace_flags", span.getSpanContext().getTraceFlags().asHex());
      MDC.put("request_id", "xyz-123");
      capture.logger("agent").info("inside a stage");
      // an application's own, different value is not a copy: kept, renamed as any clash
      MDC.put("span_id", "not-the-span");
      capture.logger("agent").info("own value");

      List<JsonNode> lines = capture.json();
      JsonNode copy = lines.get(0);
      assertThat(names(copy)).doesNotContain("mdc_trace_id", "mdc_span_id", "mdc_trace_flags");
      assertThat(names(copy)).contains("trace_id", "span_id", "trace_flags", "request_id");
      assertThat(copy.get("span_id").asString()).isEqualTo(span.getSpanContext().getSpanId());
      JsonNode own = lines.get(1);
      assertThat(own.get("mdc_span_id").asString()).isEqualTo("not-the-span");
      assertThat(names(own)).doesNotContain("mdc_trace_id", "mdc_trace_flags");
    } finally {
      span.end();
    }
  }
}
