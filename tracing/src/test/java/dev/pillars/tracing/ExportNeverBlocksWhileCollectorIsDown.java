package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExportNeverBlocksWhileCollectorIsDown {

  private static final int QUEUE = 64;

  @Test
  void stagesKeepTheirLatencyDropsAreCountedAndDeliveryResumes() throws Exception {
    int port = OtlpReceiver.deadPort();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (Pillars pillars = Pillars.builder()
        .serviceName("collector-down")
        .registerGlobal(false)
        .runtimeMetrics(false)
        .shutdownHook(false)
        .prometheusPort(0)
        .metricsExporters("prometheus")
        .otlpEndpoint("http://127.0.0.1:" + port)
        .otlpProtocol("http/protobuf")
        .property("otel.bsp.max.queue.size", Integer.toString(QUEUE))
        .property("otel.bsp.max.export.batch.size", "16")
        .property("otel.bsp.schedule.delay", "50")
        .property("otel.exporter.otlp.timeout", "500")
        .shutdownTimeout(Duration.ofSeconds(2))
        .addMetricReader(reader)
        .build()) {
      PipelineTracing tracing = PipelineTracing.create(pillars);
      Stage stage = tracing.pipeline("ingest").stage("embed");

      long slowest = 0;
      long start = System.nanoTime();
      for (int i = 0; i < 5_000; i++) {
        long t0 = System.nanoTime();
        stage.run(() -> {});
        slowest = Math.max(slowest, System.nanoTime() - t0);
      }
      long total = System.nanoTime() - start;
      // an export attempt takes up to 500 ms; a stage that waited on one would show it
      assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(250));
      assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(5));

      long dropped = 0;
      long queued = 0;
      for (MetricData m : reader.collectAllMetrics()) {
        if (m.getName().equals("processedSpans")) {
          for (LongPointData p : m.getLongSumData().getPoints()) {
            if (Boolean.TRUE.equals(p.getAttributes().get(AttributeKey.booleanKey("dropped")))) {
              dropped += p.getValue();
            }
          }
        }
        if (m.getName().equals("queueSize")) {
          for (LongPointData p : m.getLongGaugeData().getPoints()) {
            queued = Math.max(queued, p.getValue());
          }
        }
      }
      assertThat(dropped).isGreaterThan(0).isLessThanOrEqualTo(5_000);
      assertThat(queued).isLessThanOrEqualTo(QUEUE);
      assertThat(pillars.metricsText()).containsPattern(
          "processedSpans_total\\{dropped=\"true\",[^}]*processorType=\"BatchSpanProcessor\"} [1-9]");

      try (OtlpReceiver receiver = OtlpReceiver.startOn(port)) {
        Stage after = tracing.pipeline("ingest").stage("after-recovery");
        // the queue is still full of the backlog at first, so keep producing until one gets in
        Eventually.await(Duration.ofSeconds(30), "a span delivered after the collector returned",
            () -> {
              after.run(() -> {});
              return receiver.spans().stream().anyMatch(s -> s.getName().equals("after-recovery"));
            });
        assertThat(receiver.spans()).extracting(s -> s.getName()).contains("embed");
      }
    }
  }
}
