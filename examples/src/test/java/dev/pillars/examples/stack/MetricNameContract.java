package dev.pillars.examples.stack;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Prometheus names that Pillars' {@code /metrics} produces (the README's table): the only names
 * dashboards and alert rules may use. Histograms contribute their three series names.
 */
final class MetricNameContract {

  private static final List<String> COUNTERS =
      List.of(
          "request_count_total",
          "error_count_total",
          "cache_hits_total",
          "cache_misses_total",
          "llm_invocations_total",
          "rag_queries_total",
          "rag_requests_total",
          "llm_cost_total",
          "llm_unpriced_calls_total",
          "llm_errors_total",
          "pipeline_stage_errors_total",
          "llm_tokens_cache_read_total",
          "llm_tokens_cache_creation_total",
          "llm_tokens_reasoning_total",
          "pillars_llm_misuse_total",
          "pillars_metrics_dropped_total",
          "pillars_metrics_repaired_total",
          "pillars_metrics_overflow_total",
          "llm_http_retries_total",
          "rag_empty_retrievals_total");

  private static final List<String> HISTOGRAMS =
      List.of(
          "request_duration_seconds",
          "retrieval_time_seconds",
          "database_query_duration_seconds",
          "gen_ai_client_token_usage",
          "gen_ai_client_operation_duration_seconds",
          "gen_ai_client_operation_time_to_first_chunk_seconds",
          "gen_ai_client_operation_time_per_output_chunk_seconds",
          "rag_query_latency_seconds",
          "rag_relevance_score",
          "pipeline_stage_duration_seconds",
          "http_server_request_duration_seconds",
          "http_server_request_body_size_bytes",
          "http_server_response_body_size_bytes");

  private static final List<String> GAUGES =
      List.of(
          "active_requests",
          "cache_size_bytes",
          "active_connections",
          "memory_usage_bytes",
          "queue_size",
          "rag_active_requests",
          "llm_rate_limit_remaining",
          "pipeline_stages_active",
          "http_server_active_requests",
          "target_info");

  private static final Set<String> SERIES = new HashSet<>();

  static {
    SERIES.addAll(COUNTERS);
    SERIES.addAll(GAUGES);
    for (String h : HISTOGRAMS) {
      SERIES.add(h + "_bucket");
      SERIES.add(h + "_sum");
      SERIES.add(h + "_count");
    }
  }

  private MetricNameContract() {}

  /** Whether {@code name} is a series name of the contract (JVM runtime metrics are jvm_*). */
  static boolean allows(String name) {
    return SERIES.contains(name) || name.startsWith("jvm_");
  }
}
