package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 1: names that collide once Prometheus writes them never break a scrape, through the
 * facade (refused when first seen) or past it (the exposition keeps every other family), and item
 * 5: what the exporter leaves out is counted.
 */
class ScrapeSurvivesCollidingNames {

  private static final String[] LABELS = {"endpoint", "/q", "method", "GET", "status", "200"};

  @Test
  void collidingFacadeNamesLeaveTextHttpAndPromtoolIntact() throws Exception {
    try (Pillars pillars = TestPillars.builder().build()) {
      var m = pillars.metrics();
      m.incrementCounter("request_count", LABELS);
      m.incrementCounter("request.count", LABELS);
      m.incrementCounter("foo.bar", "k", "v");
      m.incrementCounter("foo_bar", "k", "v");
      m.incrementCounter("a/b", "k", "v");
      m.incrementCounter("a_b", "k", "v");
      m.incrementCounter("c6", "k", "v");
      m.incrementCounter("c6_total", "k", "v");
      m.recordHistogram("request_duration", 0.2, "endpoint", "/q", "method", "GET");
      m.setGauge("request_duration_seconds_count", 5);
      m.setGauge("target", 1);

      String text = pillars.metricsText();
      assertThat(pillars.openMetricsText()).endsWith("# EOF\n");
      assertThat(Exposition.sum(text, "request_count_total")).isEqualTo(1.0);
      assertThat(Exposition.lines(text, "# TYPE request_duration_seconds_count")).isZero();
      assertThat(Exposition.lines(text, "target_info{")).isEqualTo(1);
      assertThat(Exposition.sum(text, "pillars_metrics_dropped_total", "reason=\"name_conflict\""))
          .isEqualTo(6.0);
      Promtool.Result lint = Promtool.checkMetricsResult(text);
      assertThat(lint.output()).as(text).doesNotContain("error while linting");
      assertThat(lint.exitCode()).as(lint.output()).isNotEqualTo(1);

      HttpResponse<String> scrape = get(pillars);
      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.body()).contains("request_count_total{", "target_info{");
    }
  }

  @Test
  void aFamilyTheExporterCannotWriteCostsOnlyItselfAndIsCounted() throws Exception {
    try (Pillars pillars = TestPillars.builder().build()) {
      pillars.metrics().incrementCounter("request_count", LABELS);
      // Past the facade: two raw instruments of one scope that Prometheus writes alike, with
      // equal labels (the converter's merge throws), and a label key that normalises to "_"
      // (the converter drops the metric with a java.util.logging warning).
      Meter raw = pillars.openTelemetry().getMeter("raw");
      Attributes same = Attributes.of(AttributeKey.stringKey("k"), "v");
      raw.counterBuilder("raw.requests").build().add(1, same);
      raw.counterBuilder("raw_requests").build().add(1, same);
      raw.counterBuilder("raw.odd").build().add(1, Attributes.of(AttributeKey.stringKey("ü"), "v"));
      raw.counterBuilder("raw.fine").build().add(3, same);

      String first = pillars.metricsText();
      assertThat(Exposition.sum(first, "request_count_total")).isEqualTo(1.0);
      assertThat(Exposition.sum(first, "raw_fine_total")).isEqualTo(3.0);
      assertThat(Exposition.sum(first, "raw_requests_total")).isEqualTo(1.0);
      assertThat(first).doesNotContain("raw_odd");

      // issue 9 item 5: the two series left out of the first scrape were counted, once each.
      String second = pillars.metricsText();
      assertThat(
              Exposition.sum(
                  second, "pillars_metrics_dropped_total", "reason=\"exporter_dropped\""))
          .isEqualTo(2.0);
      assertThat(Exposition.lines(second, "# HELP pillars_metrics_dropped_total")).isEqualTo(1);
      assertThat(get(pillars).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(Pillars pillars) throws Exception {
    var address = pillars.prometheusAddress().orElseThrow();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
