package dev.pillars.examples.rag;

import dev.pillars.Pillars;
import dev.pillars.metrics.Metrics;
import dev.pillars.tracing.PipelineTracing;

/**
 * The {@link PipelineTracing} the examples use next to {@link
 * dev.pillars.metrics.llm.LlmMetrics}.
 *
 * <p>Why not {@code PipelineTracing.create(pillars)}: pillars-tracing defines the GenAI client
 * histograms ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}) with
 * other buckets and labels than core's {@code StandardMetrics}, which {@code LlmMetrics} uses. On
 * one shared facade whichever is defined second is a "defined again differently" conflict, counted
 * in {@code pillars_metrics_dropped_total}. So stage metrics record through a facade of their own,
 * under the instrumentation scope {@code dev.pillars.tracing} (the scope of the stage spans too);
 * the examples never record LLM metrics through it, so the two definitions never meet.
 *
 * <pre>{@code
 * PipelineTracing tracing = StageTracing.over(pillars);
 * Pipeline rag = tracing.pipeline("rag_pipeline");
 * }</pre>
 */
public final class StageTracing {

  private StageTracing() {}

  /** Pipeline tracing over {@code pillars}' SDK, its metrics under scope dev.pillars.tracing. */
  public static PipelineTracing over(Pillars pillars) {
    Metrics stageMetrics =
        Metrics.builder(pillars.openTelemetry())
            .instrumentationScope(PipelineTracing.INSTRUMENTATION_SCOPE)
            .build();
    return PipelineTracing.builder(pillars.openTelemetry()).metrics(stageMetrics).build();
  }
}
