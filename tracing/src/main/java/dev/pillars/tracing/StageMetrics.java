package dev.pillars.tracing;

import dev.pillars.metrics.MetricDefinition;

/**
 * The metrics every stage records, as core {@link MetricDefinition}s. Their Prometheus names are a
 * contract that dashboards and alert rules use:
 *
 * <ul>
 *   <li>{@code pipeline_stage_duration_seconds{pipeline,stage,outcome}}: histogram, outcome {@code
 *       ok} or {@code error};
 *   <li>{@code pipeline_stage_errors_total{pipeline,stage}}: counter, at 0 from the stage's first
 *       run so that its first error shows in {@code increase(..)} (the exception's class is the
 *       span's {@code error.type});
 *   <li>{@code pipeline_stages_active{pipeline,stage}}: gauge of stages running now.
 * </ul>
 *
 * <pre>{@code
 * histogram_quantile(0.99, sum by (le, stage) (rate(pipeline_stage_duration_seconds_bucket[5m])))
 * }</pre>
 */
public final class StageMetrics {

  /** Buckets from 5 ms to 2 min: stages range from a cache lookup to a long LLM generation. */
  static final double[] DURATION_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120
  };

  /** {@code pipeline.stage.duration}, seconds, labels pipeline, stage, outcome. */
  public static final MetricDefinition DURATION =
      MetricDefinition.histogram("pipeline.stage.duration")
          .description("Duration of pipeline stages, by outcome (ok or error)")
          .unit("s")
          .buckets(DURATION_BUCKETS)
          .labelNames("pipeline", "stage", "outcome")
          .build();

  /**
   * {@code pipeline.stage.errors}, labels pipeline, stage; set to 0 when the stage is first used.
   * No error-type label: a new label value would start its series at 1, which {@code increase(..)}
   * cannot see.
   */
  public static final MetricDefinition ERRORS =
      MetricDefinition.counter("pipeline.stage.errors")
          .description("Pipeline stages that ended with an exception")
          .labelNames("pipeline", "stage")
          .build();

  /** {@code pipeline.stages.active}, labels pipeline, stage. */
  public static final MetricDefinition ACTIVE =
      MetricDefinition.gauge("pipeline.stages.active")
          .description("Pipeline stages running now")
          .labelNames("pipeline", "stage")
          .build();

  private StageMetrics() {}
}
