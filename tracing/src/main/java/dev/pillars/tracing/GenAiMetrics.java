package dev.pillars.tracing;

import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;

/**
 * The GenAI client metrics of the OpenTelemetry conventions, recorded by {@link LlmCall}: {@code
 * gen_ai_client_operation_duration_seconds} and {@code gen_ai_client_token_usage}.
 */
final class GenAiMetrics {

  static final MetricDefinition OPERATION_DURATION =
      MetricDefinition.histogram("gen_ai.client.operation.duration")
          .description("GenAI operation duration")
          .unit("s")
          .buckets(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48,
              40.96, 81.92)
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model",
              "error.type")
          .build();

  static final MetricDefinition TOKEN_USAGE =
      MetricDefinition.histogram("gen_ai.client.token.usage")
          .description("Number of input and output tokens used")
          .unit("{token}")
          .buckets(1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
              16777216, 67108864)
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model",
              "gen_ai.token.type")
          .build();

  final Histogram duration;
  final Histogram tokens;

  GenAiMetrics(Metrics metrics) {
    this.duration = metrics.histogram(OPERATION_DURATION);
    this.tokens = metrics.histogram(TOKEN_USAGE);
  }
}
