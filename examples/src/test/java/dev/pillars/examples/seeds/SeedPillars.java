package dev.pillars.examples.seeds;

import dev.pillars.Pillars;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/** A Pillars for one seed test: spans kept in memory, no listener, no global, no hook. */
final class SeedPillars {

  private SeedPillars() {}

  static Pillars with(InMemorySpanExporter spans) {
    return Pillars.builder()
        .serviceName("seed-test")
        .prometheusEndpoint(false)
        .runtimeMetrics(false)
        .registerGlobal(false)
        .shutdownHook(false)
        .addSpanProcessor(SimpleSpanProcessor.create(spans))
        .build();
  }
}
