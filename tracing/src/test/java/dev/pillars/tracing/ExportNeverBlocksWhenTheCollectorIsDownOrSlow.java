package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import dev.pillars.Promtool;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The batch span processor stands between stages and the collector: a dead or slow collector costs
 * spans, counted in the SDK's {@code otel.sdk.processor.span.processed{error.type= "queue_full"}},
 * never the application's latency.
 */
class ExportNeverBlocksWhenTheCollectorIsDownOrSlow {

  private static final int QUEUE = 64;
  private static final int STAGES = 5_000;
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();

  @Test
  void collectorDownStagesKeepTheirLatencyDropsAreCountedAndDeliveryResumes() throws Exception {
    int port = OtlpReceiver.deadPort();
    try (Pillars pillars = pillars("http://127.0.0.1:" + port, Duration.ofMillis(500))) {
      PipelineTracing tracing = PipelineTracing.create(pillars);
      Stage stage = tracing.pipeline("ingest").stage("embed");

      // an export attempt takes up to 500 ms; a stage that waited on one would show it
      runStagesAndAssertNoneWaited(stage);

      assertThat(processed("queue_full")).isGreaterThan(0).isLessThanOrEqualTo(STAGES);
      assertThat(maxQueued()).isLessThanOrEqualTo(QUEUE);
      assertThat(pillars.metricsText())
          .containsPattern(
              "otel_sdk_processor_span_processed_span_total\\{[^}]*error_type=\"queue_full\"[^}]*}"
                  + " [1-9]");

      try (OtlpReceiver receiver = OtlpReceiver.startOn(port)) {
        Stage after = tracing.pipeline("ingest").stage("after-recovery");
        // the queue is still full of the backlog at first, so keep producing until one gets in
        Eventually.await(
            Duration.ofSeconds(30),
            "a span delivered after the collector returned",
            () -> {
              after.run(() -> {});
              return receiver.spans().stream().anyMatch(s -> s.getName().equals("after-recovery"));
            });
        assertThat(receiver.spans()).extracting(s -> s.getName()).contains("embed");
      }
    }
  }

  @Test
  void collectorSlowStagesKeepTheirLatencyAndEverySpanIsDeliveredOrCountedAsDropped()
      throws Exception {
    try (OtlpReceiver slow = OtlpReceiver.startSlow(Duration.ofMillis(400));
        Pillars pillars = pillars(slow.endpoint(), Duration.ofSeconds(5))) {
      Stage stage = PipelineTracing.create(pillars).pipeline("ingest").stage("embed");

      // each export takes 400 ms and succeeds; a stage that waited on one would show it
      runStagesAndAssertNoneWaited(stage);

      assertThat(maxQueued()).isLessThanOrEqualTo(QUEUE);
      // nothing goes missing uncounted: what the slow collector took plus what the queue refused
      // adds up to every stage, once the backlog has drained and the last answer is counted (the
      // receiver keeps a batch before it answers, the processor counts it after the answer)
      Eventually.await(
          Duration.ofSeconds(30),
          "delivered + dropped = " + STAGES,
          () ->
              slow.spans().size() + processed("queue_full") == STAGES
                  && processed(null) == slow.spans().size());
      assertThat(slow.spans()).isNotEmpty();
      assertThat(processed("queue_full")).isGreaterThan(0);
      assertThat(pillars.metricsText())
          .containsPattern(
              "otel_sdk_exporter_span_exported_total\\{[^}]*} " + slow.spans().size() + "\\.0\n");
      // the SDK's own health metrics, in their semconv form, lint clean like ours
      String text = pillars.metricsText();
      assertThat(Promtool.checkMetrics(text)).as("promtool output for:\n" + text).isEmpty();
    }
  }

  private Pillars pillars(String endpoint, Duration exportTimeout) {
    return Pillars.builder()
        .serviceName("collector-fault")
        .registerGlobal(false)
        .runtimeMetrics(false)
        .shutdownHook(false)
        .prometheusPort(0)
        .metricsExporters("prometheus")
        .otlpEndpoint(endpoint)
        .otlpProtocol("http/protobuf")
        .property("otel.bsp.max.queue.size", Integer.toString(QUEUE))
        .property("otel.bsp.max.export.batch.size", "16")
        .property("otel.bsp.schedule.delay", "50")
        .property("otel.exporter.otlp.timeout", Long.toString(exportTimeout.toMillis()))
        .shutdownTimeout(Duration.ofSeconds(2))
        .addMetricReader(reader)
        .build();
  }

  private static void runStagesAndAssertNoneWaited(Stage stage) {
    long slowest = 0;
    long start = System.nanoTime();
    for (int i = 0; i < STAGES; i++) {
      long t0 = System.nanoTime();
      stage.run(() -> {});
      slowest = Math.max(slowest, System.nanoTime() - t0);
    }
    long total = System.nanoTime() - start;
    assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(250));
    assertThat(Duration.ofNanos(total)).isLessThan(Duration.ofSeconds(5));
  }

  /** Spans the batch processor handled with this {@code error.type}; null for the exported ones. */
  private long processed(String errorType) {
    long sum = 0;
    for (MetricData m : reader.collectAllMetrics()) {
      if (m.getName().equals("otel.sdk.processor.span.processed")) {
        for (LongPointData p : m.getLongSumData().getPoints()) {
          if (java.util.Objects.equals(p.getAttributes().get(ERROR_TYPE), errorType)) {
            sum += p.getValue();
          }
        }
      }
    }
    return sum;
  }

  private long maxQueued() {
    long queued = -1;
    for (MetricData m : reader.collectAllMetrics()) {
      if (m.getName().equals("otel.sdk.processor.span.queue.size")) {
        for (LongPointData p : m.getLongSumData().getPoints()) {
          queued = Math.max(queued, p.getValue());
        }
      }
    }
    return queued;
  }
}
