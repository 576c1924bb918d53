package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import org.junit.jupiter.api.Test;

class PromtoolAcceptsMetricsText {

  @Test
  void checkMetricsReportsNothing() throws Exception {
    try (Pillars pillars = TestPillars.builder().runtimeMetrics(true).build()) {
      TestPillars.recordFixedSet(pillars);
      LlmMetrics llm = LlmMetrics.create(pillars.metrics(), TokenPriceTable.builder().price("gpt-4o", 2.5, 10).build());
      llm.recordCall(LlmCall.builder("openai", "gpt-4o").inputTokens(100).outputTokens(20).durationNanos(1_000_000).build());
      llm.recordCall(LlmCall.builder("openai", "mystery").inputTokens(1).outputTokens(1).build());
      try (var q = llm.startQuery("rag")) {
        q.relevance(0.8);
        q.cacheLookup("semantic", true);
      }
      llm.rateLimitRemaining("openai", "requests", 99);
      pillars.metrics().incrementCounter("request_count", Double.NaN);
      String text = pillars.metricsText();

      assertThat(Promtool.checkMetrics(text)).as("promtool output for:\n" + text).isEmpty();
      assertThat(text).contains("jvm_memory_used_bytes", "llm_cost_usd_total", "rag_query_latency_seconds_bucket");
    }
  }
}
