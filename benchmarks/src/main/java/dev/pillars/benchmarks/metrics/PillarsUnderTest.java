package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;

/**
 * The one way every benchmark here builds Pillars: as a user would, with the Prometheus reader on
 * (port 0, so runs never collide) and nothing else running in the background.
 */
final class PillarsUnderTest {

  private PillarsUnderTest() {}

  /** A Pillars with the Prometheus exporter only, no runtime metrics, no global, no hook. */
  static Pillars start() {
    return Pillars.builder()
        .serviceName("pillars-benchmarks")
        .metricsExporters("prometheus")
        .prometheusPort(0)
        .registerGlobal(false)
        .runtimeMetrics(false)
        .shutdownHook(false)
        .cardinalityLimit(1998)
        .build();
  }

  /**
   * Fails the setup when {@code name} does not reach {@code /metrics}: an SDK without a reader may
   * drop measurements before storing them, which would make every number here meaningless.
   */
  static void requireExported(Pillars pillars, String name) {
    if (!pillars.metricsText().contains(name)) {
      throw new IllegalStateException(
          name + " was recorded but is not in /metrics: the SDK is not storing measurements");
    }
  }
}
