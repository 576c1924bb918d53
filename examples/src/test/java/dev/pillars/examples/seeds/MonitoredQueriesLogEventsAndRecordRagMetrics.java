package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.pillars.Pillars;
import dev.pillars.logging.json.PillarsJsonEncoder;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MonitoredQueriesLogEventsAndRecordRagMetrics {

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Test
  void eachQueryLogsHashedRequestAndResponseLinesWithItsTraceIdAndRecordsTheSeedMetrics() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    try (Pillars pillars = SeedPillars.with(spans)) {
      MonitoredQueries rag = new MonitoredQueries(pillars, jsonLogger(context), new Random(7));
      List<MonitoredQueries.Answer> answers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        answers.add(rag.query("What is the status of project " + i + "?", "alice", i % 2 == 0));
      }
      MonitoredQueries.Answer rejected = rag.query("   ", "bob", false);

      List<JsonNode> lines = lines();
      assertThat(lines).hasSize(12);
      for (int i = 0; i < 5; i++) {
        JsonNode request = lines.get(2 * i);
        JsonNode response = lines.get(2 * i + 1);
        String traceId = answers.get(i).traceId();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(request.get("event_type").asString()).isEqualTo("request");
        assertThat(request.get("trace_id").asString()).isEqualTo(traceId);
        assertThat(request.get("query").asString()).matches("sha256:[0-9a-f]{16}");
        assertThat(request.get("user_id").asString()).matches("sha256:[0-9a-f]{16}");
        assertThat(request.get("query_chars").asInt())
            .isEqualTo(("What is the status of project " + i + "?").length());
        assertThat(response.get("event_type").asString()).isEqualTo("response");
        assertThat(response.get("trace_id").asString()).isEqualTo(traceId);
        assertThat(response.get("input_tokens").asLong()).isEqualTo(answers.get(i).inputTokens());
        assertThat(response.get("cache_hit").asBoolean()).isEqualTo(i % 2 == 0);
        assertThat(response.get("model").asString()).isEqualTo(MonitoredQueries.MODEL);
      }
      // the same user hashes the same way, so lines join without showing who it was
      assertThat(lines.get(0).get("user_id")).isEqualTo(lines.get(2).get("user_id"));
      assertThat(out.toString(StandardCharsets.UTF_8))
          .doesNotContain("alice")
          .doesNotContain("status of project");

      assertThat(rejected.ok()).isFalse();
      JsonNode error = lines.get(11);
      assertThat(error.get("event_type").asString()).isEqualTo("error");
      assertThat(error.get("level").asString()).isEqualTo("ERROR");
      assertThat(error.get("error_type").asString())
          .isEqualTo(IllegalArgumentException.class.getName());
      assertThat(error.get("trace_id").asString()).isEqualTo(rejected.traceId());
      assertThat(error.get("user_id").asString()).matches("sha256:[0-9a-f]{16}");

      String text = pillars.metricsText();
      double expectedCost =
          answers.stream()
              .filter(a -> !a.cached())
              .mapToDouble(a -> a.costUsd().orElseThrow())
              .sum();
      assertThat(text)
          .contains(
              "rag_requests_total{operation=\"rag_pipeline\",otel_scope_name=\"dev.pillars\","
                  + "status=\"success\"} 5.0")
          .contains(
              "rag_requests_total{operation=\"rag_pipeline\",otel_scope_name=\"dev.pillars\","
                  + "status=\"error\"} 1.0")
          .contains(
              "cache_hits_total{cache_name=\"semantic\",operation=\"get\","
                  + "otel_scope_name=\"dev.pillars\"} 3.0")
          .contains(
              "cache_misses_total{cache_name=\"semantic\",operation=\"get\","
                  + "otel_scope_name=\"dev.pillars\"} 2.0")
          .contains(
              "rag_query_latency_seconds_count{operation=\"rag_pipeline\","
                  + "otel_scope_name=\"dev.pillars\"} 6")
          .contains(
              "rag_relevance_score_count{operation=\"rag_pipeline\","
                  + "otel_scope_name=\"dev.pillars\"} 5")
          .contains(
              "rag_active_requests{operation=\"rag_pipeline\",otel_scope_name=\"dev.pillars\"} 0")
          .contains(
              "gen_ai_client_token_usage_count{gen_ai_operation_name=\"chat\","
                  + "gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4\","
                  + "gen_ai_token_type=\"input\",otel_scope_name=\"dev.pillars\"} 2")
          .doesNotContain("alice")
          .doesNotContain("pillars_metrics_dropped_total");
      assertThat(costIn(text)).isCloseTo(expectedCost, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(expectedCost).isPositive();
      // six query spans and the CLIENT spans of the two LLM calls (the cache answered the rest)
      assertThat(spans.getFinishedSpanItems()).hasSize(8);
    } finally {
      context.stop();
    }
  }

  private static double costIn(String text) {
    return text.lines()
        .filter(l -> l.startsWith("llm_cost_total{currency=\"USD\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
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

  private List<JsonNode> lines() {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        nodes.add(STRICT.readTree(line));
      }
    }
    return nodes;
  }
}
