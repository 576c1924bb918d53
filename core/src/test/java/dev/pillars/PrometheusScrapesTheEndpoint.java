package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundHistogram;
import dev.pillars.metrics.StandardMetrics;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A real Prometheus scrapes our endpoint; PromQL over what it stored returns what we recorded. */
class PrometheusScrapesTheEndpoint {

  private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

  @Test
  void rateAndQuantilesOverOurSeries() throws Exception {
    ExternalBinary.require("prometheus");
    try (Pillars pillars = TestPillars.builder().build()) {
      var address = pillars.prometheusAddress().orElseThrow();
      BoundCounter requests =
          pillars.metrics().counter(StandardMetrics.REQUEST_COUNT).labels("/query", "POST", "200");
      BoundHistogram latency =
          pillars.metrics().histogram(StandardMetrics.REQUEST_DURATION).labels("/query", "POST");
      // 90 fast requests (in the 0.05 bucket) and 10 slow ones (in the 2.5 bucket).
      for (int i = 0; i < 90; i++) {
        latency.record(0.04);
      }
      for (int i = 0; i < 10; i++) {
        latency.record(2.0);
      }
      requests.increment(1000);

      try (PrometheusProcess prometheus =
          PrometheusProcess.start("127.0.0.1:" + address.getPort())) {
        String up =
            prometheus.awaitQuery(
                "request_count_total", b -> b.contains("\"1000\""), Duration.ofSeconds(20));
        assertThat(up).as(prometheus.log()).contains("\"endpoint\":\"/query\"", "\"1000\"");

        // Grow the counter by a known amount between scrapes; increase() must see it.
        Thread.sleep(1500);
        requests.increment(500);
        for (int i = 0; i < 90; i++) {
          latency.record(0.04);
        }
        for (int i = 0; i < 10; i++) {
          latency.record(2.0);
        }
        String increase =
            prometheus.awaitQuery(
                "increase(request_count_total[30s])", b -> value(b) > 0, Duration.ofSeconds(20));
        assertThat(value(increase)).isGreaterThan(0);
        String rate = prometheus.query("rate(request_count_total[30s])");
        assertThat(value(rate)).isGreaterThan(0);

        String p95 =
            prometheus.awaitQuery(
                "histogram_quantile(0.95, sum by (le)"
                    + " (rate(request_duration_seconds_bucket[30s])))",
                b -> value(b) > 0,
                Duration.ofSeconds(20));
        assertThat(value(p95)).as(p95).isGreaterThan(1.0).isLessThanOrEqualTo(2.5);
        String p50 =
            prometheus.query(
                "histogram_quantile(0.5, sum by (le)"
                    + " (rate(request_duration_seconds_bucket[30s])))");
        assertThat(value(p50)).as(p50).isGreaterThan(0.025).isLessThanOrEqualTo(0.05);
        String p50raw =
            prometheus.query(
                "histogram_quantile(0.5, sum by (le) (request_duration_seconds_bucket))");
        String p95raw =
            prometheus.query(
                "histogram_quantile(0.95, sum by (le) (request_duration_seconds_bucket))");
        assertThat(value(p50raw)).as(p50raw).isGreaterThan(0.025).isLessThanOrEqualTo(0.05);
        assertThat(value(p95raw)).as(p95raw).isGreaterThan(1.0).isLessThanOrEqualTo(2.5);

        String count = prometheus.query("sum(request_duration_seconds_count)");
        assertThat(value(count)).isEqualTo(200.0);
      }
    }
  }

  static double value(String body) {
    Matcher m = VALUE.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
