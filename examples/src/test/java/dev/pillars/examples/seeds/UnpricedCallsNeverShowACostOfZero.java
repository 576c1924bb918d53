package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.pillars.Pillars;
import dev.pillars.logging.events.StructuredLogger;
import dev.pillars.logging.json.PillarsJsonEncoder;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.RagQuery;
import dev.pillars.metrics.llm.TokenPriceTable;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 item 4: a model without a price has no cost anywhere (the old demo logged {@code
 * "cost_usd":0.0}): not in the call's or the query's return value, not in the response log line,
 * not in {@code llm_cost_total}; it is counted in {@code llm_unpriced_calls_total} instead.
 */
class UnpricedCallsNeverShowACostOfZero {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void anUnpricedCallHasNoCostInItsReturnValuesLogLineOrMetrics() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    try (Pillars pillars = SeedPillars.with(InMemorySpanExporter.create())) {
      LlmMetrics llm =
          LlmMetrics.create(pillars.openTelemetry(), pillars.metrics(), TokenPriceTable.bundled());
      StructuredLogger events = StructuredLogger.of(jsonLogger(context));
      LlmCall call;
      RagQuery query = llm.startQuery("rag_pipeline");
      try (query) {
        call = query.llmCall("ollama", "llama-3.1-8b").start();
        call.recordUsage(900, 200).end();
      }
      events.logResponse(
          12.5, 900, 200, call.cost().orElse(Double.NaN), true, "llama-3.1-8b", false);

      assertThat(call.cost()).isEmpty();
      assertThat(query.cost()).isEmpty();
      JsonNode line =
          JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8).strip());
      assertThat(line.get("event_type").asString()).isEqualTo("response");
      assertThat(line.has("cost_usd")).as(line.toString()).isFalse();
      assertThat(pillars.metricsText())
          .contains(
              "llm_unpriced_calls_total{gen_ai_provider_name=\"ollama\","
                  + "gen_ai_request_model=\"llama-3.1-8b\",otel_scope_name=\"dev.pillars\"} 1.0")
          .doesNotContain("llm_cost_total{");
    } finally {
      context.stop();
    }
  }

  private Logger jsonLogger(LoggerContext context) {
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    encoder.setContext(context);
    encoder.setServiceName("rag-service");
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.setImmediateFlush(true);
    appender.start();
    Logger logger = context.getLogger("rag");
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
    return logger;
  }
}
