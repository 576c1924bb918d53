package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

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
          meters.recordEnd(
              Context.root(),
              0,
              method,
              false,
              HttpVersions.UNKNOWN,
              status,
              null,
              1_000_000,
              0,
              5);
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
        Context.root(),
        -1,
        2,
        true,
        HttpVersions.UNKNOWN,
        -1,
        new IllegalStateException(),
        1_000_000,
        -1,
        -1);
    meters.recordEnd(
        Context.root(), -1, 2, true, HttpVersions.UNKNOWN, -1, null, 1_000_000, -1, -1);
    meters.recordEnd(
        Context.root(), -1, 2, true, HttpVersions.UNKNOWN, 99, null, 1_000_000, -1, -1);

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

  @Test
  void eachKnownHttpVersionIsASeriesOfItsOwnAndAnUnknownOneIsLeftOut() {
    for (String protocol :
        new String[] {"HTTP/1.1", "HTTP/1.0", "HTTP/1.1", "HTTP/2.0", "HTTP/7"}) {
      meters.recordEnd(
          Context.root(), -1, 2, false, HttpVersions.index(protocol), 200, null, 1_000_000, -1, -1);
    }
    meters.recordEnd(Context.root(), -1, 2, false, HttpVersions.index(null), 200, null, 1, -1, -1);

    Attributes unversioned =
        Attributes.builder()
            .put(HttpServerMeters.METHOD, "GET")
            .put(HttpServerMeters.STATUS, 200)
            .put(HttpServerMeters.SCHEME, "http")
            .build();
    assertThat(durationCounts())
        .containsOnly(
            entry(
                unversioned.toBuilder().put(HttpServerMeters.PROTOCOL_VERSION, "1.1").build(), 2L),
            entry(
                unversioned.toBuilder().put(HttpServerMeters.PROTOCOL_VERSION, "1.0").build(), 1L),
            entry(unversioned.toBuilder().put(HttpServerMeters.PROTOCOL_VERSION, "2").build(), 1L),
            // HTTP/7 and no protocol at all: no version label, one series
            entry(unversioned, 2L));
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
