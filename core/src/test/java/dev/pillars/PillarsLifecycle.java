package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.pillars.kit.ServiceIdentity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PillarsLifecycle {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsOnLoopbackByDefault() throws Exception {
    try (Pillars pillars = TestPillars.builder().build()) {
      InetSocketAddress address = pillars.prometheusAddress().orElseThrow();
      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      pillars
          .metrics()
          .incrementCounter("request_count", "endpoint", "/q", "method", "GET", "status", "200");
      HttpResponse<String> r = get("http://127.0.0.1:" + address.getPort() + "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("request_count_total{endpoint=\"/q\"");
      HttpResponse<String> om =
          get(
              "http://127.0.0.1:" + address.getPort() + "/metrics",
              "Accept",
              "application/openmetrics-text; version=1.0.0");
      assertThat(om.body()).endsWith("# EOF\n");
    }
  }

  @Test
  void aPortInUseFailsStartUpNamingThePortAndTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> TestPillars.builder().prometheusPort(port).build())
          .isInstanceOf(PillarsConfigurationException.class)
          .hasMessageContaining("127.0.0.1:" + port)
          .hasMessageContaining("OTEL_EXPORTER_PROMETHEUS_PORT");
    }
  }

  @Test
  void anUnknownExporterFailsStartUpWithTheSettingName() {
    assertThatThrownBy(
            () -> TestPillars.builder().metricsExporters("prometheus", "carrier-pigeon").build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("otel.metrics.exporter");
  }

  @Test
  void anOutOfRangeCardinalityLimitFailsStartUpWithTheSettingName() {
    assertThatThrownBy(() -> TestPillars.builder().cardinalityLimit(5000).build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("PILLARS_METRICS_CARDINALITY_LIMIT")
        .hasMessageContaining("1..1998");
  }

  @Test
  void environmentStylePillarsSettingsAreRead() {
    System.setProperty("pillars.metrics.cardinality.limit", "2");
    try (Pillars pillars =
        Pillars.builder()
            .prometheusPort(0)
            .registerGlobal(false)
            .runtimeMetrics(false)
            .shutdownHook(false)
            .build()) {
      for (int i = 0; i < 5; i++) {
        pillars.metrics().incrementCounter("per_user", "user", "u" + i);
      }
      assertThat(pillars.metricsText())
          .contains("pillars_metrics_overflow_total{metric=\"per_user\"");
    } finally {
      System.clearProperty("pillars.metrics.cardinality.limit");
    }
  }

  @Test
  void basicAuthGuardsTheEndpoint() throws Exception {
    try (Pillars pillars = TestPillars.builder().prometheusBasicAuth("scraper", "s3cret").build()) {
      String url =
          "http://127.0.0.1:" + pillars.prometheusAddress().orElseThrow().getPort() + "/metrics";
      assertThat(get(url).statusCode()).isEqualTo(401);
      String bad =
          Base64.getEncoder().encodeToString("scraper:wrong".getBytes(StandardCharsets.UTF_8));
      assertThat(get(url, "Authorization", "Basic " + bad).statusCode()).isEqualTo(401);
      String good =
          Base64.getEncoder().encodeToString("scraper:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(get(url, "Authorization", "Basic " + good).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void theHandlerMountsInAnExistingServer() throws Exception {
    try (Pillars pillars =
        TestPillars.builder().metricsExporters("prometheus").prometheusEndpoint(false).build()) {
      assertThat(pillars.prometheusAddress()).isEmpty();
      HttpServer app =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      app.createContext("/metrics", pillars.metricsHandler());
      app.start();
      try {
        pillars.metrics().setGauge("queue_size", 3, "queue_name", "jobs");
        HttpResponse<String> r = get("http://127.0.0.1:" + app.getAddress().getPort() + "/metrics");
        assertThat(r.body())
            .contains("queue_size{otel_scope_name=\"dev.pillars\",queue_name=\"jobs\"} 3.0");
        assertThat(pillars.metricsText()).contains("queue_size{");
      } finally {
        app.stop(0);
      }
    }
  }

  @Test
  void everyThreadItStartsIsADaemon() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (Pillars pillars = TestPillars.builder().runtimeMetrics(true).build()) {
      get("http://127.0.0.1:" + pillars.prometheusAddress().orElseThrow().getPort() + "/metrics");
      Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
      started.removeAll(before);
      assertThat(started).isNotEmpty();
      assertThat(started).allSatisfy(t -> assertThat(t.isDaemon()).as(t.getName()).isTrue());
    }
  }

  @Test
  void closeIsIdempotentStopsTheEndpointAndLaterRecordingsDoNotThrow() throws Exception {
    Pillars pillars = TestPillars.builder().build();
    int port = pillars.prometheusAddress().orElseThrow().getPort();
    long start = System.nanoTime();
    pillars.close();
    pillars.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    pillars
        .metrics()
        .incrementCounter("request_count", "endpoint", "/q", "method", "GET", "status", "200");
    assertThatThrownBy(() -> get("http://127.0.0.1:" + port + "/metrics"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void systemPropertiesConfigureAndTheBuilderWins() {
    System.setProperty("otel.service.name", "from-property");
    System.setProperty("otel.resource.attributes", "team=search");
    try (Pillars fromProps =
            Pillars.builder()
                .prometheusPort(0)
                .registerGlobal(false)
                .runtimeMetrics(false)
                .shutdownHook(false)
                .build();
        Pillars fromCode = TestPillars.builder().build()) {
      assertThat(fromProps.resource().getAttribute(ServiceIdentity.SERVICE_NAME))
          .isEqualTo("from-property");
      assertThat(
              fromProps
                  .resource()
                  .getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("team")))
          .isEqualTo("search");
      assertThat(fromCode.resource().getAttribute(ServiceIdentity.SERVICE_NAME))
          .isEqualTo("pillars-test");
    } finally {
      System.clearProperty("otel.service.name");
      System.clearProperty("otel.resource.attributes");
    }
  }

  @Test
  void prometheusCanBeTurnedOff() {
    try (Pillars pillars = TestPillars.builder().metricsExporters("none").build()) {
      assertThat(pillars.prometheusAddress()).isEmpty();
      assertThat(pillars.metricsText()).isEmpty();
    }
  }
}
