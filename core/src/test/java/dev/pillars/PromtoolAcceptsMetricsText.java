package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.metrics.llm.TokenUsage;
import org.junit.jupiter.api.Test;

class PromtoolAcceptsMetricsText {

  @Test
  void checkMetricsReportsNothing() throws Exception {
    try (Pillars pillars = TestPillars.builder().runtimeMetrics(true).build()) {
      TestPillars.recordFixedSet(pillars);
      LlmMetrics llm =
          LlmMetrics.create(
              pillars.openTelemetry(),
              pillars.metrics(),
              TokenPriceTable.builder().price("gpt-4o", 2.5, 10).build());
      try (var call = llm.call("openai", "gpt-4o").start()) {
        call.chunk().chunk().recordUsage(TokenUsage.of(100, 20).withCacheRead(64).withReasoning(5));
      }
      llm.call("openai", "mystery").start().recordUsage(1, 1).end();
      llm.call("openai", "gpt-4o").start().fail(new IllegalStateException("x"));
      try (var q = llm.startQuery("rag")) {
        q.relevance(0.8);
        q.cacheLookup("semantic", true);
      }
      llm.rateLimitRemaining("openai", "requests", 99);
      pillars.metrics().incrementCounter("request_count", Double.NaN);
      String text = pillars.metricsText();

      assertThat(Promtool.checkMetrics(text)).as("promtool output for:\n" + text).isEmpty();
      assertThat(text)
          .contains(
              "jvm_memory_used_bytes",
              "llm_cost_total{currency=\"USD\"",
              "error_type=\"java.lang.IllegalStateException\"",
              "llm_tokens_cache_read_total",
              "gen_ai_client_operation_time_to_first_chunk_seconds_bucket",
              "gen_ai_client_operation_time_per_output_chunk_seconds_bucket",
              "rag_query_latency_seconds_bucket");
    }
  }
}
