package dev.pillars.tracing;

import dev.pillars.Pillars;
import dev.pillars.PillarsBuilder;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.UnaryOperator;

/** A Pillars instance with in-memory span export and metric reading, for one test. */
final class TracingFixture implements AutoCloseable {

  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader reader = InMemoryMetricReader.create();
  final Pillars pillars;
  final PipelineTracing tracing;

  TracingFixture() {
    this(b -> b);
  }

  TracingFixture(UnaryOperator<PillarsBuilder> customize) {
    pillars =
        customize
            .apply(
                Pillars.builder()
                    .serviceName("tracing-test")
                    .registerGlobal(false)
                    .runtimeMetrics(false)
                    .shutdownHook(false)
                    .prometheusPort(0)
                    .tracesExporters("none")
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .addMetricReader(reader))
            .build();
    tracing = PipelineTracing.create(pillars);
  }

  List<SpanData> finished() {
    return spans.getFinishedSpanItems();
  }

  SpanData span(String name) {
    return finished().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span named " + name + " in " + finished()));
  }

  @Override
  public void close() {
    pillars.close();
  }
}
