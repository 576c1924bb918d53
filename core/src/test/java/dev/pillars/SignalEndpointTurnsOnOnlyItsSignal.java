package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 9: {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} alone also started span export to
 * localhost:4318. The general endpoint turns traces and metrics on; a signal's own endpoint turns
 * that signal on and no other.
 */
class SignalEndpointTurnsOnOnlyItsSignal {

  private static final String SPAN_PIPELINE = "otel_sdk_processor_span_queue_capacity";

  // issue 9 item 9: the case, end to end through an OTLP/HTTP receiver
  @Test
  void aMetricsEndpointAlonePushesMetricsAndStartsNoSpanExport() throws Exception {
    Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received
              .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
              .incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    try {
      try (Pillars metricsOnly =
          TestPillars.builder()
              .otlpProtocol("http/protobuf")
              .property("otel.exporter.otlp.metrics.endpoint", base + "/v1/metrics")
              .metricExportInterval(Duration.ofMillis(200))
              .build()) {
        metricsOnly.tracer("t").spanBuilder("work").startSpan().end();
        metricsOnly
            .metrics()
            .incrementCounter("request_count", "endpoint", "/q", "method", "GET", "status", "200");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.containsKey("/v1/metrics") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(received).containsKey("/v1/metrics");
        assertThat(metricsOnly.metricsText()).doesNotContain(SPAN_PIPELINE);
      }
      // the control: with the traces endpoint the span pipeline exists, and its spans arrive
      try (Pillars withTraces =
          TestPillars.builder()
              .otlpProtocol("http/protobuf")
              .property("otel.exporter.otlp.traces.endpoint", base + "/v1/traces")
              .property("otel.bsp.schedule.delay", "50")
              .build()) {
        withTraces.tracer("t").spanBuilder("work").startSpan().end();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!received.containsKey("/v1/traces") && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(received).containsKey("/v1/traces");
        assertThat(withTraces.metricsText()).contains(SPAN_PIPELINE);
      }
    } finally {
      receiver.stop(0);
    }
  }

  // issue 9 item 9: the same rule for logs, end to end
  @Test
  void aLogsEndpointAloneExportsLogsAndStartsNoSpanExport() throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .otlpProtocol("http/protobuf")
                .property("otel.exporter.otlp.logs.endpoint", receiver.endpoint() + "/v1/logs")
                .build()) {
      pillars.tracer("t").spanBuilder("work").startSpan().end();
      pillars.openTelemetry().getLogsBridge().get("t").logRecordBuilder().setBody("logged").emit();
      ((io.opentelemetry.sdk.OpenTelemetrySdk) pillars.openTelemetry())
          .getSdkLoggerProvider()
          .forceFlush()
          .join(10, TimeUnit.SECONDS);
      assertThat(OtlpSignalReceiver.await(receiver.logBodies, "logged")).isTrue();
      assertThat(pillars.metricsText()).doesNotContain(SPAN_PIPELINE);
      assertThat(receiver.spanNames).isEmpty();
      assertThat(receiver.metricNames).isEmpty();
    }
  }

  // issue 9 item 9: each signal's endpoint, alone and together, as autoconfigure will see it
  @Test
  void eachEndpointTurnsOnItsOwnSignal() {
    assertThat(choose("otel.exporter.otlp.metrics.endpoint", "http://c:4318/v1/metrics"))
        .containsEntry("otel.metrics.exporter", "otlp")
        .containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
    assertThat(choose("otel.exporter.otlp.traces.endpoint", "http://c:4318/v1/traces"))
        .containsEntry("otel.metrics.exporter", "none") // Prometheus only, no OTLP push
        .containsEntry("otel.traces.exporter", "otlp")
        .containsEntry("otel.logs.exporter", "none");
    assertThat(choose("otel.exporter.otlp.logs.endpoint", "http://c:4318/v1/logs"))
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.logs.exporter", "otlp");
    assertThat(choose("otel.exporter.otlp.endpoint", "http://c:4317"))
        .containsEntry("otel.metrics.exporter", "otlp")
        .containsEntry("otel.traces.exporter", "otlp")
        .containsEntry("otel.logs.exporter", "none"); // Pillars' logs go through Logback
    assertThat(choose())
        .containsEntry("otel.metrics.exporter", "none")
        .containsEntry("otel.traces.exporter", "none")
        .containsEntry("otel.logs.exporter", "none");
  }

  // issue 9 item 9: what the user chose is never replaced
  @Test
  void anExplicitExporterChoiceWins() {
    Map<String, String> chosen =
        choose(
            "otel.exporter.otlp.metrics.endpoint", "http://c:4318/v1/metrics",
            "otel.traces.exporter", "console",
            "otel.metrics.exporter", "prometheus");
    assertThat(chosen).containsEntry("otel.metrics.exporter", "none");
    assertThat(chosen).doesNotContainKey("otel.traces.exporter");
  }

  private static Map<String, String> choose(String... keyValues) {
    Map<String, String> props = new java.util.HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return ExporterChoice.of(DefaultConfigProperties.createFromMap(props)).properties();
  }
}
