package dev.pillars.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The standard catalog (seeds/001's "Metrics Collection Framework"): names, labels, units and
 * buckets that {@link Metrics} uses when one of these names is first recorded, so {@code
 * metrics.incrementCounter("request_count", ...)} just works and shows up with help text.
 *
 * <p>Where an OpenTelemetry semantic convention means the same thing as a seed's metric, the
 * convention's name is used: the seeds' {@code token_usage} is {@link #TOKEN_USAGE} ({@code
 * gen_ai.client.token.usage}) and their {@code bedrock_duration} is {@link #LLM_DURATION} ({@code
 * gen_ai.client.operation.duration}). The README lists the Prometheus names.
 */
public final class StandardMetrics {

  private StandardMetrics() {}

  /** Seconds, for request durations: 5 ms to 10 s. */
  private static final double[] REQUEST_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0
  };

  /** Seconds, the GenAI convention's advised buckets: 0.01 doubling to 81.92. */
  private static final double[] GEN_AI_SECONDS_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  /** Tokens, the GenAI convention's advised buckets: powers of 4 from 1 to 67,108,864. */
  private static final double[] GEN_AI_TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  /** {@code request_count_total}: requests by endpoint, method and status. */
  public static final MetricDefinition REQUEST_COUNT =
      MetricDefinition.counter("request_count")
          .description("Total requests")
          .labelNames("endpoint", "method", "status")
          .build();

  /** {@code error_count_total}: errors by type, endpoint and function. */
  public static final MetricDefinition ERROR_COUNT =
      MetricDefinition.counter("error_count")
          .description("Total errors")
          .labelNames("error_type", "endpoint", "function")
          .build();

  /** {@code cache_hits_total}: cache hits by cache and operation. */
  public static final MetricDefinition CACHE_HITS =
      MetricDefinition.counter("cache_hits")
          .description("Cache hits")
          .labelNames("cache_name", "operation")
          .build();

  /** {@code cache_misses_total}: cache misses by cache and operation. */
  public static final MetricDefinition CACHE_MISSES =
      MetricDefinition.counter("cache_misses")
          .description("Cache misses")
          .labelNames("cache_name", "operation")
          .build();

  /** {@code llm_invocations_total}: LLM calls by model and status (seeds: bedrock_invocations). */
  public static final MetricDefinition LLM_INVOCATIONS =
      MetricDefinition.counter("llm_invocations")
          .description("LLM invocations by model and status")
          .labelNames("model_id", "status")
          .build();

  /** {@code rag_queries_total}: RAG operations by operation and status. */
  public static final MetricDefinition RAG_QUERIES =
      MetricDefinition.counter("rag_queries")
          .description("RAG queries by operation and status")
          .labelNames("operation", "status")
          .build();

  /** {@code request_duration_seconds}: request duration, 5 ms to 10 s. */
  public static final MetricDefinition REQUEST_DURATION =
      MetricDefinition.histogram("request_duration")
          .description("Request duration in seconds")
          .unit("s")
          .buckets(REQUEST_BUCKETS)
          .labelNames("endpoint", "method")
          .build();

  /**
   * {@code gen_ai_client_token_usage}: tokens per LLM call (seeds: token_usage), following the
   * OpenTelemetry GenAI convention and its advised buckets, 1, 4, 16, ... 67,108,864; {@code
   * gen_ai.token.type} is {@code input} or {@code output}.
   */
  public static final MetricDefinition TOKEN_USAGE =
      MetricDefinition.histogram("gen_ai.client.token.usage")
          .description("Number of input and output tokens used per LLM call")
          .unit("{token}")
          .buckets(GEN_AI_TOKEN_BUCKETS)
          .labelNames(
              "gen_ai.operation.name",
              "gen_ai.provider.name",
              "gen_ai.request.model",
              "gen_ai.token.type")
          .build();

  /** {@code retrieval_time_seconds}: document retrieval time, 1 ms to 5 s. */
  public static final MetricDefinition RETRIEVAL_TIME =
      MetricDefinition.histogram("retrieval_time")
          .description("Document retrieval time in seconds")
          .unit("s")
          .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
          .labelNames("operation", "source")
          .build();

  /**
   * {@code gen_ai_client_operation_duration_seconds}: LLM call duration (seeds: bedrock_duration),
   * following the OpenTelemetry GenAI convention and its advised buckets, 0.01 s doubling to 81.92
   * s. {@code error.type} is the exception's class name on failed calls and empty on the others
   * (Prometheus treats an empty label as absent).
   */
  public static final MetricDefinition LLM_DURATION =
      MetricDefinition.histogram("gen_ai.client.operation.duration")
          .description("Duration of LLM calls in seconds")
          .unit("s")
          .buckets(GEN_AI_SECONDS_BUCKETS)
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model")
          .optionalLabelNames("error.type")
          .build();

  /** {@code database_query_duration_seconds}: database query duration, 1 ms to 1 s. */
  public static final MetricDefinition DATABASE_QUERY_DURATION =
      MetricDefinition.histogram("database_query_duration")
          .description("Database query duration in seconds")
          .unit("s")
          .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
          .labelNames("operation", "table")
          .build();

  /** {@code active_requests}: requests in progress by endpoint. */
  public static final MetricDefinition ACTIVE_REQUESTS =
      MetricDefinition.gauge("active_requests")
          .description("Requests in progress")
          .labelNames("endpoint")
          .build();

  /** {@code cache_size_bytes}: cache size by cache. */
  public static final MetricDefinition CACHE_SIZE =
      MetricDefinition.gauge("cache_size")
          .description("Cache size in bytes")
          .unit("By")
          .labelNames("cache_name")
          .build();

  /** {@code active_connections}: open connections by type. */
  public static final MetricDefinition ACTIVE_CONNECTIONS =
      MetricDefinition.gauge("active_connections")
          .description("Open connections")
          .labelNames("connection_type")
          .build();

  /** {@code memory_usage_bytes}: memory in use by process. */
  public static final MetricDefinition MEMORY_USAGE =
      MetricDefinition.gauge("memory_usage")
          .description("Memory usage in bytes")
          .unit("By")
          .labelNames("process")
          .build();

  /** {@code queue_size}: items waiting by queue. */
  public static final MetricDefinition QUEUE_SIZE =
      MetricDefinition.gauge("queue_size")
          .description("Items waiting in a queue")
          .labelNames("queue_name")
          .build();

  private static final List<MetricDefinition> ALL =
      List.of(
          REQUEST_COUNT,
          ERROR_COUNT,
          CACHE_HITS,
          CACHE_MISSES,
          LLM_INVOCATIONS,
          RAG_QUERIES,
          REQUEST_DURATION,
          TOKEN_USAGE,
          RETRIEVAL_TIME,
          LLM_DURATION,
          DATABASE_QUERY_DURATION,
          ACTIVE_REQUESTS,
          CACHE_SIZE,
          ACTIVE_CONNECTIONS,
          MEMORY_USAGE,
          QUEUE_SIZE);

  private static final Map<String, MetricDefinition> BY_NAME =
      ALL.stream()
          .collect(Collectors.toUnmodifiableMap(MetricDefinition::name, Function.identity()));

  /** Every definition of the catalog. */
  public static List<MetricDefinition> all() {
    return ALL;
  }

  /** The catalog's definition of {@code name}, or null. */
  static MetricDefinition find(String name) {
    return BY_NAME.get(name);
  }
}
