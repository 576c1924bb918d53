package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CardinalityIsBounded {

  private final MetricsFixture f = new MetricsFixture(100);
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aMillionDistinctValuesKeepTheSeriesBoundedAndTheSumExact() {
    for (int i = 0; i < 1_000_000; i++) {
      metrics.incrementCounter("webhook_delivery", "user", "user-" + i);
    }
    List<DoublePointData> points = MetricsFixture.sumPoints(f.collect(), "webhook_delivery");
    assertThat(points).hasSize(101);
    assertThat(points.stream().mapToDouble(DoublePointData::getValue).sum()).isEqualTo(1_000_000.0);
    assertThat(
            f.sum(
                "webhook_delivery", Attributes.builder().put("otel.metric.overflow", true).build()))
        .isEqualTo(1_000_000.0 - 100);
    assertThat(f.selfCount("pillars.metrics.overflow", attrs("metric", "webhook_delivery")))
        .isEqualTo(1_000_000 - 100);
  }

  @Test
  void existingSeriesKeepRecordingAfterTheLimitIsReached() {
    for (int i = 0; i < 150; i++) {
      metrics.incrementCounter("webhook_delivery", "user", "user-" + i);
    }
    metrics.incrementCounter("webhook_delivery", "user", "user-0");
    assertThat(f.sum("webhook_delivery", attrs("user", "user-0"))).isEqualTo(2.0);
  }

  @Test
  void perMetricLimitsOverrideTheDefault() {
    Counter c =
        metrics.counter(
            MetricDefinition.counter("tiny").labelNames("k").cardinalityLimit(3).build());
    for (int i = 0; i < 10; i++) {
      c.labels("v" + i).increment();
    }
    assertThat(MetricsFixture.sumPoints(f.collect(), "tiny")).hasSize(4);
    assertThat(f.selfCount("pillars.metrics.overflow", attrs("metric", "tiny"))).isEqualTo(7);
  }

  @Test
  void gaugesAndHistogramsAreBoundedToo() {
    for (int i = 0; i < 500; i++) {
      metrics.setGauge("per_user", 1, "user", "u" + i);
      metrics.recordHistogram("per_user_latency", 0.1, "user", "u" + i);
    }
    var data = f.collect();
    assertThat(MetricsFixture.find(data, "per_user").orElseThrow().getDoubleGaugeData().getPoints())
        .hasSize(101);
    assertThat(
            MetricsFixture.find(data, "per_user_latency")
                .orElseThrow()
                .getHistogramData()
                .getPoints())
        .hasSize(101);
  }
}
