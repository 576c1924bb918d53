package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.RagQuery;
import dev.pillars.metrics.llm.TokenPriceTable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 6, through a real Prometheus: a model's first failure, and a RAG operation's first
 * error, show in {@code increase(..[1m])}, because their series were scraped at 0 before.
 */
class FirstLlmErrorShowsInIncreaseOnARealPrometheus {

  @Test
  void theFirstFailureOfAModelAndOfAQueryIsSeenByIncrease() throws Exception {
    ExternalBinary.require("prometheus");
    try (Pillars pillars = TestPillars.builder().build()) {
      LlmMetrics llm =
          LlmMetrics.create(pillars.openTelemetry(), pillars.metrics(), TokenPriceTable.bundled());
      // the model and the operation are seen, and succeed
      try (RagQuery q = llm.startQuery("rag_pipeline")) {
        q.llmCall("openai", "gpt-4o").start().recordUsage(100, 10).end();
      }
      var address = pillars.prometheusAddress().orElseThrow();
      try (PrometheusProcess prometheus =
          PrometheusProcess.start("127.0.0.1:" + address.getPort())) {
        String zero =
            prometheus.awaitQuery(
                "llm_errors_total{gen_ai_request_model=\"gpt-4o\"}",
                b -> b.contains("\"0\""),
                Duration.ofSeconds(20));
        assertThat(zero).as(prometheus.log()).contains("\"0\"");
        assertThat(prometheus.query("rag_requests_total{status=\"error\"}")).contains("\"0\"");
        Thread.sleep(1500); // one more scrape at 0

        try (RagQuery q = llm.startQuery("rag_pipeline")) {
          q.llmCall("openai", "gpt-4o").start().fail(new IllegalStateException("429"));
        }

        String llmIncrease =
            prometheus.awaitQuery(
                "increase(llm_errors_total{gen_ai_request_model=\"gpt-4o\"}[1m])",
                b -> PrometheusScrapesTheEndpoint.value(b) > 0,
                Duration.ofSeconds(20));
        assertThat(PrometheusScrapesTheEndpoint.value(llmIncrease))
            .as(llmIncrease)
            .isGreaterThanOrEqualTo(1.0);
        String ragIncrease =
            prometheus.awaitQuery(
                "sum(increase(rag_requests_total{status=\"error\"}[1m]))",
                b -> PrometheusScrapesTheEndpoint.value(b) > 0,
                Duration.ofSeconds(20));
        assertThat(PrometheusScrapesTheEndpoint.value(ragIncrease))
            .as(ragIncrease)
            .isGreaterThanOrEqualTo(1.0);
      }
    }
  }
}
