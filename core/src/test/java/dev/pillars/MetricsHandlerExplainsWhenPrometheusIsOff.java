package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// issue 13: the demo died at start with an IllegalStateException from metricsHandler()
class MetricsHandlerExplainsWhenPrometheusIsOff {

  @Test
  void theHandlerAnswers503WithTheSettingToChangeInsteadOfThrowing() throws Exception {
    try (Pillars pillars = TestPillars.builder().metricsExporters("none").build()) {
      HttpServer app =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      app.createContext("/metrics", pillars.metricsHandler());
      app.start();
      try {
        HttpResponse<String> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://127.0.0.1:" + app.getAddress().getPort() + "/metrics"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.body())
            .contains("Prometheus exporter is off")
            .contains("OTEL_METRICS_EXPORTER")
            .contains("-Dotel.javaagent.configuration-file=");
      } finally {
        app.stop(0);
      }
    }
  }
}
