package dev.pillars.tracing;

import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;

/**
 * The GenAI client metrics of the OpenTelemetry conventions, recorded by {@link LlmCall}: {@code
 * gen_ai_client_operation_duration_seconds} and {@code gen_ai_client_token_usage}, with core's
 * definitions ({@link StandardMetrics#LLM_DURATION}, {@link StandardMetrics#TOKEN_USAGE}), so
 * that spans and core's {@code LlmMetrics} feed the same series.
 */
final class GenAiMetrics {

  private final Metrics metrics;
  private final Histogram duration;
  final Histogram tokens;

  GenAiMetrics(Metrics metrics) {
    this.metrics = metrics;
    this.duration = metrics.histogram(StandardMetrics.LLM_DURATION);
    this.tokens = metrics.histogram(StandardMetrics.TOKEN_USAGE);
  }

  /** Records a call's duration; a failed call also carries {@code error.type}. */
  void recordDuration(String operation, String provider, String model, String error, long nanos) {
    if (error == null) {
      duration.labels(operation, provider, model).recordNanos(nanos);
    } else {
      metrics.recordHistogram(
          StandardMetrics.LLM_DURATION.name(),
          nanos / 1e9,
          "gen_ai.operation.name", operation,
          "gen_ai.provider.name", provider,
          "gen_ai.request.model", model,
          "error.type", error);
    }
  }
}
