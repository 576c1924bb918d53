package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound-series table of the JDK filter stops growing at {@link
 * HttpServerMeters#MAX_BOUND_SERIES}; requests of series past it are still recorded, under the same
 * attributes, and a series bound once keeps counting.
 */
class HttpServerMetersRecordPastTheirBoundTable {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  private final HttpServerMeters meters =
      new HttpServerMeters(provider, new RouteTable(List.of("/users/{id}")), true);

  @AfterEach
  void tearDown() {
    provider.close();
  }

  @Test
  void twelveHundredSeriesEachCountTwice() {
    int series = 0;
    for (int method = 0; method < 10; method++) {
      for (int status = 200; status < 320; status++) {
        for (int round = 0; round < 2; round++) {
          meters.recordEnd(Context.root(), 0, method, false, status, null, 1_000_000, 0, 5);
        }
        series++;
      }
    }
    assertThat(series).isGreaterThan(HttpServerMeters.MAX_BOUND_SERIES);

    Map<Attributes, Long> counts = durationCounts();
    assertThat(counts).hasSize(series);
    assertThat(counts.values()).containsOnly(2L);
    assertThat(counts)
        .containsEntry(
            Attributes.builder()
                .put(HttpServerMeters.METHOD, HttpServerMeters.OTHER)
                .put(HttpServerMeters.ROUTE, "/users/{id}")
                .put(HttpServerMeters.STATUS, 319)
                .put(HttpServerMeters.SCHEME, "http")
                .build(),
            2L);
  }

  @Test
  void withoutStatusTheErrorTypeIsTheExceptionOrOther() {
    meters.recordEnd(
        Context.root(), -1, 2, true, -1, new IllegalStateException(), 1_000_000, -1, -1);
    meters.recordEnd(Context.root(), -1, 2, true, -1, null, 1_000_000, -1, -1);
    meters.recordEnd(Context.root(), -1, 2, true, 99, null, 1_000_000, -1, -1);

    assertThat(durationCounts())
        .containsOnlyKeys(
            Attributes.builder()
                .put(HttpServerMeters.METHOD, "GET")
                .put(HttpServerMeters.ERROR_TYPE, "java.lang.IllegalStateException")
                .put(HttpServerMeters.SCHEME, "https")
                .build(),
            Attributes.builder()
                .put(HttpServerMeters.METHOD, "GET")
                .put(HttpServerMeters.ERROR_TYPE, HttpServerMeters.OTHER)
                .put(HttpServerMeters.SCHEME, "https")
                .build(),
            Attributes.builder()
                .put(HttpServerMeters.METHOD, "GET")
                .put(HttpServerMeters.STATUS, 99)
                .put(HttpServerMeters.ERROR_TYPE, "99")
                .put(HttpServerMeters.SCHEME, "https")
                .build());
  }

  private Map<Attributes, Long> durationCounts() {
    MetricData duration =
        reader.collectAllMetrics().stream()
            .filter(m -> m.getName().equals("http.server.request.duration"))
            .findFirst()
            .orElseThrow();
    return duration.getHistogramData().getPoints().stream()
        .collect(
            // the SDK hands out its advice-filtered view; compare as plain attributes
            Collectors.toMap(
                p -> Attributes.builder().putAll(p.getAttributes()).build(),
                HistogramPointData::getCount));
  }
}
