package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** An OTLP/HTTP receiver inside the test decodes what Pillars pushes. */
class OtlpPushDeliversMetrics {

  @Test
  void metricsArriveWithResourceAndValues() throws Exception {
    List<ExportMetricsServiceRequest> received = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/v1/metrics",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(ExportMetricsServiceRequest.parseFrom(body));
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          byte[] ok =
              io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse
                  .getDefaultInstance()
                  .toByteArray();
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    receiver.start();
    try (Pillars pillars =
        TestPillars.builder()
            .metricsExporters("prometheus", "otlp")
            .otlpProtocol("http/protobuf")
            .otlpEndpoint("http://127.0.0.1:" + receiver.getAddress().getPort())
            .tracesExporters("none")
            .metricExportInterval(Duration.ofMillis(200))
            .build()) {
      pillars
          .metrics()
          .incrementCounter(
              "request_count", 7, "endpoint", "/query", "method", "POST", "status", "200");
      pillars
          .metrics()
          .recordHistogram("request_duration", 0.25, "endpoint", "/query", "method", "POST");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (find(received, "request_count") == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      ResourceMetrics rm = find(received, "request_count");
      assertThat(rm).as("an OTLP export holding request_count").isNotNull();
      Map<String, String> resource =
          rm.getResource().getAttributesList().stream()
              .collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
      assertThat(resource)
          .containsEntry("service.name", "pillars-test")
          .containsEntry("service.version", "1.0.0")
          .containsEntry("deployment.environment.name", "test");

      Metric counter = metric(rm, "request_count");
      assertThat(counter.getSum().getIsMonotonic()).isTrue();
      assertThat(counter.getSum().getDataPoints(0).getAsDouble()).isEqualTo(7.0);
      assertThat(counter.getSum().getDataPoints(0).getAttributesList())
          .extracting(KeyValue::getKey)
          .containsExactlyInAnyOrder("endpoint", "method", "status");

      Metric histogram = metric(rm, "request_duration");
      assertThat(histogram.getUnit()).isEqualTo("s");
      assertThat(histogram.getHistogram().getDataPoints(0).getSum()).isEqualTo(0.25);
      assertThat(histogram.getHistogram().getDataPoints(0).getExplicitBoundsList())
          .startsWith(0.005);
    } finally {
      receiver.stop(0);
    }
  }

  private static ResourceMetrics find(List<ExportMetricsServiceRequest> requests, String name) {
    for (ExportMetricsServiceRequest r : requests) {
      for (ResourceMetrics rm : r.getResourceMetricsList()) {
        if (rm.getScopeMetricsList().stream()
            .flatMap(s -> s.getMetricsList().stream())
            .anyMatch(m -> m.getName().equals(name))) {
          return rm;
        }
      }
    }
    return null;
  }

  private static Metric metric(ResourceMetrics rm, String name) {
    return rm.getScopeMetricsList().stream()
        .flatMap(s -> s.getMetricsList().stream())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
