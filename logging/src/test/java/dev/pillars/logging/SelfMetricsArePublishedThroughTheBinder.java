package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.kit.InstrumentationBinder;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingInstrumentationBinder;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SelfMetricsArePublishedThroughTheBinder {

  @Test
  void theServiceLoaderFindsTheBinderAndDropsAreReadAtCollection() {
    List<InstrumentationBinder> binders =
        ServiceLoader.load(InstrumentationBinder.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
    assertThat(binders).hasAtLeastOneElementOfType(LoggingInstrumentationBinder.class);

    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build()) {
      new LoggingInstrumentationBinder().bindTo(sdk);
      LoggingSelfMetrics.DROPPED.add(DropReason.LOKI_QUEUE_FULL, 2);
      long expected = LoggingSelfMetrics.DROPPED.count(DropReason.LOKI_QUEUE_FULL);

      List<MetricData> metrics = List.copyOf(reader.collectAllMetrics());
      assertThat(metrics)
          .extracting(MetricData::getName)
          .containsExactlyInAnyOrder(
              "pillars.logging.dropped",
              "pillars.logging.truncated",
              "pillars.logging.cleaned_characters",
              "pillars.logging.renamed_fields",
              "pillars.logging.redacted",
              "pillars.logging.loki.unconfirmed",
              "pillars.logging.loki.resent");
      MetricData dropped =
          metrics.stream()
              .filter(m -> m.getName().equals("pillars.logging.dropped"))
              .findFirst()
              .orElseThrow();
      assertThat(dropped.getLongSumData().isMonotonic()).isTrue();
      assertThat(dropped.getLongSumData().getPoints()).hasSize(DropReason.values().length);
      LongPointData queueFull =
          dropped.getLongSumData().getPoints().stream()
              .filter(
                  p ->
                      "loki_queue_full"
                          .equals(p.getAttributes().get(AttributeKey.stringKey("reason"))))
              .findFirst()
              .orElseThrow();
      assertThat(queueFull.getValue()).isEqualTo(expected);
    }
  }
}
