package dev.pillars.tracing;

import dev.pillars.Pillars;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.function.UnaryOperator;

/** A Pillars instance with in-memory span export and metric reading, for one test. */
public final class TracingFixture implements AutoCloseable {

  public final InMemorySpanExporter spans = InMemorySpanExporter.create();
  public final InMemoryMetricReader reader = InMemoryMetricReader.create();
  public final Pillars pillars;
  public final PipelineTracing tracing;

  public TracingFixture() {
    this(b -> b);
  }

  public TracingFixture(UnaryOperator<Pillars.Builder> customize) {
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

  public List<SpanData> finished() {
    return spans.getFinishedSpanItems();
  }

  public SpanData span(String name) {
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
