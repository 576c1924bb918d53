package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link SeriesConversion} writes, metric by metric and scrape after scrape, exactly what the
 * exporter's own converter writes from the same SDK data (OpenMetrics with exemplars and created
 * timestamps, so every field of a point shows), while handing the exporter only the series it has
 * not seen and those with exemplars; series that disappear are forgotten; series whose labels come
 * to clash are refused as the exporter refuses them.
 */
class SeriesConversionWritesWhatTheExporterWrites {

  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("route");
  private static final SpanContext SAMPLED =
      SpanContext.create(
          "0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final OpenMetricsTextFormatWriter writer =
      OpenMetricsTextFormatWriter.builder()
          .setCreatedTimestampsEnabled(true)
          .setExemplarsOnAllMetricTypesEnabled(true)
          .build();

  @Test
  void everyScrapeMatchesTheExporterAndOnlyNewSeriesAreHandedOver() throws IOException {
    Sdk sdk = new Sdk();
    Exporter exporter = new Exporter();
    SeriesConversion conversion = new SeriesConversion(exporter::convert);
    Meter meter = sdk.provider.meterBuilder("lib").setInstrumentationVersion("1.0").build();
    DoubleCounter requests = meter.counterBuilder("requests").setUnit("s").ofDoubles().build();
    LongCounter jobs = meter.counterBuilder("jobs").setDescription("Jobs").build();
    LongUpDownCounter inflight = meter.upDownCounterBuilder("inflight").build();
    LongGauge depth = meter.gaugeBuilder("depth").ofLongs().build();
    DoubleHistogram latency =
        meter
            .histogramBuilder("latency")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(List.of(0.1, 1.0))
            .build();
    List<String> pools = new CopyOnWriteArrayList<>(List.of("a", "b"));
    meter
        .gaugeBuilder("pool_ratio")
        .buildWithCallback(
            g -> pools.forEach(p -> g.record(0.5, Attributes.of(AttributeKey.stringKey("p"), p))));

    for (int i = 0; i < 4; i++) {
      requests.add(1.5, Attributes.of(ROUTE, "/r" + i));
      jobs.add(i, Attributes.of(ROUTE, "/r" + i, AttributeKey.booleanKey("ok"), true));
      inflight.add(i - 2, Attributes.of(ROUTE, "/r" + i));
      depth.set(i * 10, Attributes.of(ROUTE, "/r" + i));
      latency.record(0.05 * i, Attributes.of(ROUTE, "/r" + i));
    }
    latency.record(0.5, Attributes.of(ROUTE, "/r1"), Context.root().with(Span.wrap(SAMPLED)));
    requests.add(2, Attributes.of(ROUTE, "/r2"), Context.root().with(Span.wrap(SAMPLED)));
    int seriesInRound1 = 5 * 4 + 2;
    assertScrapeMatches(sdk, exporter, conversion);
    assertThat(conversion.pointsHandedOver()).isEqualTo(seriesInRound1);
    assertThat(conversion.seriesKept()).isEqualTo(seriesInRound1);

    // new values, no new series, no exemplars: nothing is handed over
    for (int i = 0; i < 4; i++) {
      requests.add(0.25, Attributes.of(ROUTE, "/r" + i));
      latency.record(3, Attributes.of(ROUTE, "/r" + i));
      depth.set(-i, Attributes.of(ROUTE, "/r" + i));
    }
    assertScrapeMatches(sdk, exporter, conversion);
    assertThat(conversion.pointsHandedOver()).isEqualTo(seriesInRound1);

    // two new series (one sorting between old ones), one exemplar on a known series, one pool gone
    requests.add(1, Attributes.of(ROUTE, "/r1a"));
    latency.record(0.2, Attributes.of(ROUTE, "/r0a"));
    latency.record(0.7, Attributes.of(ROUTE, "/r3"), Context.root().with(Span.wrap(SAMPLED)));
    pools.set(1, "c");
    assertScrapeMatches(sdk, exporter, conversion);
    assertThat(conversion.pointsHandedOver()).isEqualTo(seriesInRound1 + 4);
    assertThat(conversion.seriesKept()).isEqualTo(seriesInRound1 + 2);

    // the exemplar is gone from the SDK's data again: the series' cached labels serve it
    assertScrapeMatches(sdk, exporter, conversion);
    assertThat(conversion.pointsHandedOver()).isEqualTo(seriesInRound1 + 4);
  }

  @Test
  void aSeriesWhoseLabelsClashWithAKeptOneIsRefusedAsTheExporterRefusesIt() throws IOException {
    Sdk sdk = new Sdk();
    Exporter exporter = new Exporter();
    SeriesConversion conversion = new SeriesConversion(exporter::convert);
    LongCounter calls = sdk.provider.get("lib").counterBuilder("calls").build();
    calls.add(1, Attributes.of(AttributeKey.stringKey("a.b"), "x"));
    assertScrapeMatches(sdk, exporter, conversion);

    // "a_b" and "a.b" are both written as label a_b: the exporter refuses the metric
    calls.add(1, Attributes.of(AttributeKey.stringKey("a_b"), "x"));
    conversion.startScrape();
    MetricData data = only(sdk.collect());
    assertThat(ownSnapshots(exporter.convert(List.of(data)))).isEmpty();
    // the kept series' labels and the new one's clash when the snapshot is built
    assertThatThrownBy(() -> conversion.convert(data))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a_b");
  }

  private void assertScrapeMatches(Sdk sdk, Exporter exporter, SeriesConversion conversion)
      throws IOException {
    conversion.startScrape();
    Collection<MetricData> all = sdk.collect();
    assertThat(all).isNotEmpty();
    for (MetricData data : all) {
      long before = conversion.pointsHandedOver();
      String actual = text(conversion.convert(data));
      long handed = conversion.pointsHandedOver() - before;
      String expected = text(exporter.convert(List.of(data)));
      assertThat(actual).as(data.getName()).isEqualTo(expected);
      assertThat(handed).isLessThanOrEqualTo(data.getData().getPoints().size());
    }
  }

  private String text(MetricSnapshots snapshots) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, snapshots);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<MetricSnapshot> ownSnapshots(MetricSnapshots snapshots) {
    List<MetricSnapshot> own = new ArrayList<>();
    for (MetricSnapshot s : snapshots) {
      if (!(s instanceof InfoSnapshot)) {
        own.add(s);
      }
    }
    return own;
  }

  private static MetricData only(Collection<MetricData> all) {
    assertThat(all).hasSize(1);
    return all.iterator().next();
  }

  /** The exporter's converter, over whatever it is handed. */
  private static final class Exporter {
    private final PrometheusMetricReader reader = PrometheusMetricReader.builder().build();
    private Collection<MetricData> handed = List.of();

    Exporter() {
      reader.register(
          new CollectionRegistration() {
            @Override
            public Collection<MetricData> collectAllMetrics() {
              return handed;
            }
          });
    }

    MetricSnapshots convert(Collection<MetricData> data) {
      handed = data;
      try {
        return reader.collect();
      } finally {
        handed = List.of();
      }
    }
  }

  /** An SDK whose reader collects reusable cumulative data, as Pillars' Prometheus reader does. */
  private static final class Sdk {
    private CollectionRegistration registration = CollectionRegistration.noop();
    final SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(
                new MetricReader() {
                  @Override
                  public void register(CollectionRegistration r) {
                    registration = r;
                  }

                  @Override
                  public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                    return AggregationTemporality.CUMULATIVE;
                  }

                  @Override
                  public Aggregation getDefaultAggregation(InstrumentType type) {
                    return Aggregation.defaultAggregation();
                  }

                  @Override
                  public MemoryMode getMemoryMode() {
                    return MemoryMode.REUSABLE_DATA;
                  }

                  @Override
                  public CompletableResultCode forceFlush() {
                    return CompletableResultCode.ofSuccess();
                  }

                  @Override
                  public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                  }
                })
            .build();

    Collection<MetricData> collect() {
      return registration.collectAllMetrics();
    }
  }
}
