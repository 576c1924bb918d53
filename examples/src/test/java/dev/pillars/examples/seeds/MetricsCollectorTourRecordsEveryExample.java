package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import org.junit.jupiter.api.Test;

class MetricsCollectorTourRecordsEveryExample {

  private static final String SCOPE = "otel_scope_name=\"dev.pillars\"";

  @Test
  void middlewareLlmCacheRagAndDatabaseExamplesAllRecord() {
    try (Pillars pillars = TutorialMetricsProducesTheTutorialsSeries.quietPillars()) {
      MetricsCollectorTour.runAll(pillars);
      String text = pillars.metricsText();
      assertThat(text.lines())
          .contains(
              // 1. middleware: one good, one failed request; nothing left active
              "request_count_total{endpoint=\"/query\",method=\"POST\","
                  + SCOPE
                  + ",status=\"200\"} 1.0",
              "request_count_total{endpoint=\"/query\",method=\"POST\","
                  + SCOPE
                  + ",status=\"500\"} 1.0",
              "request_duration_seconds_count{endpoint=\"/query\",method=\"POST\"," + SCOPE + "} 2",
              "active_requests{endpoint=\"/query\"," + SCOPE + "} 0.0",
              "error_count_total{endpoint=\"/query\",error_type=\"java.lang.IllegalStateException\",function=\"middleware\","
                  + SCOPE
                  + "} 1.0",
              // 2. LLM: both calls timed (the failure with its exception class), tokens only for
              // the success
              "gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"claude-3\","
                  + SCOPE
                  + "} 1",
              "gen_ai_client_operation_duration_seconds_count{error_type=\"java.lang.IllegalStateException\",gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"claude-3\","
                  + SCOPE
                  + "} 1",
              "llm_errors_total{gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"claude-3\","
                  + SCOPE
                  + "} 1.0",
              "error_count_total{endpoint=\"/query\",error_type=\"java.lang.IllegalStateException\",function=\"invoke_bedrock\","
                  + SCOPE
                  + "} 1.0",
              "gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"claude-3\",gen_ai_token_type=\"input\","
                  + SCOPE
                  + "} 450.0",
              "gen_ai_client_token_usage_sum{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"aws.bedrock\",gen_ai_request_model=\"claude-3\",gen_ai_token_type=\"output\","
                  + SCOPE
                  + "} 120.0",
              "llm_invocations_total{model_id=\"claude-3\"," + SCOPE + ",status=\"started\"} 2.0",
              "llm_invocations_total{model_id=\"claude-3\"," + SCOPE + ",status=\"success\"} 1.0",
              "llm_invocations_total{model_id=\"claude-3\"," + SCOPE + ",status=\"failed\"} 1.0",
              // 3. cache: miss, put, hit; "key1" + "value1" is 10 bytes
              "cache_hits_total{cache_name=\"embeddings\",operation=\"get\"," + SCOPE + "} 1.0",
              "cache_misses_total{cache_name=\"embeddings\",operation=\"get\"," + SCOPE + "} 1.0",
              "cache_size_bytes{cache_name=\"embeddings\"," + SCOPE + "} 10.0",
              // 4. RAG
              "rag_queries_total{operation=\"vector_search\"," + SCOPE + ",status=\"started\"} 2.0",
              "rag_queries_total{operation=\"vector_search\"," + SCOPE + ",status=\"success\"} 1.0",
              "rag_queries_total{operation=\"vector_search\"," + SCOPE + ",status=\"failed\"} 1.0",
              "retrieval_time_seconds_count{operation=\"vector_search\","
                  + SCOPE
                  + ",source=\"chroma\"} 2",
              // 5. database
              "active_connections{connection_type=\"database\"," + SCOPE + "} 0.0",
              "database_query_duration_seconds_count{operation=\"select\","
                  + SCOPE
                  + ",table=\"users\"} 1");
    }
  }
}
