package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 3: the number of distinct metric names is bounded; new names past it are dropped.
 */
class MetricNamesAreBounded {

  @Test
  void newNamesPastTheLimitAreDroppedAndCountedOldOnesKeepRecording() {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build()) {
      Metrics metrics = Metrics.builder(sdk).metricNameLimit(10).build();
      for (int i = 0; i < 25; i++) {
        metrics.incrementCounter("tenant_" + i + "_requests", "k", "v");
      }
      metrics.incrementCounter("tenant_0_requests", "k", "v");
      var data = reader.collectAllMetrics();
      long facadeMetrics =
          data.stream().map(MetricData::getName).filter(n -> n.startsWith("tenant_")).count();
      assertThat(facadeMetrics).isEqualTo(10);
      long tooMany =
          data.stream()
              .filter(m -> m.getName().equals("pillars.metrics.dropped"))
              .flatMap(m -> m.getLongSumData().getPoints().stream())
              .filter(p -> p.getAttributes().equals(attrs("reason", "too_many_metrics")))
              .mapToLong(p -> p.getValue())
              .sum();
      assertThat(tooMany).isEqualTo(15);
      assertThat(
              data.stream()
                  .filter(m -> m.getName().equals("tenant_0_requests"))
                  .flatMap(m -> m.getDoubleSumData().getPoints().stream())
                  .mapToDouble(p -> p.getValue())
                  .sum())
          .isEqualTo(2.0);
    }
  }

  @Test
  void theDefaultIsDocumentedAndTheLimitMustBePositive() {
    assertThat(Metrics.DEFAULT_METRIC_NAME_LIMIT).isEqualTo(1000);
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().build()) {
      assertThatThrownBy(() -> Metrics.builder(sdk).metricNameLimit(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(">= 1");
    }
  }
}
