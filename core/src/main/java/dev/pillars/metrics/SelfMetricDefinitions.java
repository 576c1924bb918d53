package dev.pillars.metrics;

import java.util.List;

/**
 * The self-metrics of Pillars' own modules that are recorded through the facade. Names starting
 * with {@code pillars_} (as Prometheus writes them) are refused for every other metric, so no
 * application can forge or shadow these; only these very definition objects may claim them.
 * Internal to Pillars' modules, not for public use.
 */
public final class SelfMetricDefinitions {

  /** {@code pillars_tracing_misuse_total{reason}} (pillars-tracing). */
  public static final MetricDefinition TRACING_MISUSE =
      MetricDefinition.counter("pillars.tracing.misuse")
          .description("Calls of the tracing API that were repaired or ignored, by reason")
          .labelNames("reason")
          .build();

  /** {@code pillars_llm_misuse_total{reason}} (the LLM recorder). */
  public static final MetricDefinition LLM_MISUSE =
      MetricDefinition.counter("pillars.llm.misuse")
          .description("Bad input to the LLM recorder that was repaired or ignored, by reason")
          .labelNames("reason")
          .build();

  private static final List<MetricDefinition> ALL = List.of(TRACING_MISUSE, LLM_MISUSE);

  private SelfMetricDefinitions() {}

  /** Whether {@code definition} is one of these objects (identity, not equality). */
  static boolean owns(MetricDefinition definition) {
    for (MetricDefinition own : ALL) {
      if (own == definition) {
        return true;
      }
    }
    return false;
  }
}
