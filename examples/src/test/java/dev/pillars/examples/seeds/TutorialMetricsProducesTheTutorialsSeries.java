package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import org.junit.jupiter.api.Test;

class TutorialMetricsProducesTheTutorialsSeries {

  @Test
  void everyTutorialStepShowsUpInTheMetricsText() {
    try (Pillars pillars = quietPillars()) {
      TutorialMetrics.record(pillars.metrics());
      String text = pillars.metricsText();
      assertThat(text.lines())
          .contains(
              "api_requests_total{endpoint=\"graphql\",method=\"POST\",otel_scope_name=\"dev.pillars\",status=\"200\"} 1.0",
              "api_errors_total{error_type=\"validation\",otel_scope_name=\"dev.pillars\"} 1.0",
              "api_request_duration_seconds_count{otel_scope_name=\"dev.pillars\"} 1",
              "api_request_duration_seconds_bucket{otel_scope_name=\"dev.pillars\",le=\"0.075\"} 0",
              "api_request_duration_seconds_bucket{otel_scope_name=\"dev.pillars\",le=\"0.25\"} 1",
              "webhooks_active{otel_scope_name=\"dev.pillars\"} 5.0",
              "document_retrieval_seconds_sum{otel_scope_name=\"dev.pillars\"} 0.12",
              "cache_hits_total{cache_name=\"embeddings\",operation=\"get\",otel_scope_name=\"dev.pillars\"} 82.0",
              "cache_misses_total{cache_name=\"embeddings\",operation=\"get\",otel_scope_name=\"dev.pillars\"} 18.0",
              "llm_tokens_total{model=\"gpt-4.1\",otel_scope_name=\"dev.pillars\",type=\"prompt\"} 512.0",
              "llm_tokens_total{model=\"gpt-4.1\",otel_scope_name=\"dev.pillars\",type=\"completion\"} 128.0",
              "rerank_latency_seconds_bucket{otel_scope_name=\"dev.pillars\",le=\"0.025\"} 0",
              "rerank_latency_seconds_bucket{otel_scope_name=\"dev.pillars\",le=\"0.05\"} 1",
              "webhook_delivery_total{otel_scope_name=\"dev.pillars\",status=\"success\"} 1.0",
              "# HELP llm_tokens_total Total LLM tokens consumed",
              "# TYPE api_request_duration_seconds histogram");
      assertThat(text).doesNotContain("cache_hit_rate").doesNotContain("pillars_metrics_dropped");
    }
  }

  static Pillars quietPillars() {
    return Pillars.builder()
        .serviceName("seed-test")
        .prometheusPort(0)
        .runtimeMetrics(false)
        .registerGlobal(false)
        .shutdownHook(false)
        .build();
  }
}
