package dev.pillars;

import dev.pillars.kit.ReasonCounter;
import dev.pillars.kit.ThrottledWarning;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.exporter.prometheus.PrometheusMetricReader;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code /metrics} serves: the OpenTelemetry exporter's metrics, one family at a time, so that
 * one bad family never costs the others, and mended where {@code promtool check metrics} objects.
 *
 * <p>The SDK registers {@link #reader()}; each scrape collects the SDK's metrics once and hands
 * them to the exporter's converter one metric at a time, through {@link SeriesConversion}, which
 * keeps each series' labels from scrape to scrape. A metric the converter cannot write (it throws,
 * or drops it with a java.util.logging warning: label names that normalise to nothing, label sets
 * that become equal), or whose family clashes with one already kept (same Prometheus name with
 * another type or unit, equal label sets, or a sample name another family writes, such as a gauge
 * {@code x_count} beside histogram {@code x}), is left out of this scrape, its series counted in
 * {@code pillars_metrics_dropped_total{reason="exporter_dropped"}} and warned about (throttled).
 * The rest are served as usual.
 *
 * <p>The SDK hands this reader reusable data ({@link MemoryMode#REUSABLE_DATA}: the same point
 * objects at every collection, filled anew), as the exporter's own HTTP server asks for by default;
 * so scrapes are collected and converted one at a time, as that server serves them. Only the
 * collection waits: what it returns is a copy, written out after the lock is released.
 *
 * <p>Mended for promtool:
 *
 * <ul>
 *   <li>{@code target_info} gets help text (the exporter writes none);
 *   <li>three JVM runtime gauges whose semantic-convention names end in {@code _count}, a suffix
 *       Prometheus reserves for histograms and summaries, are renamed: {@code jvm_class_count} to
 *       {@code jvm_class_current}, {@code jvm_cpu_count} to {@code jvm_cpu_available}, {@code
 *       jvm_thread_count} to {@code jvm_thread_current}. Only the Prometheus output is renamed;
 *       OTLP carries the convention's names.
 * </ul>
 */
final class LintCleanSnapshots implements MultiCollector {

  static final String TARGET_INFO_HELP =
      "Target metadata: the OpenTelemetry resource of this process";

  static final Map<String, String> RENAMED_GAUGES =
      Map.of(
          "jvm_class_count", "jvm_class_current",
          "jvm_cpu_count", "jvm_cpu_available",
          "jvm_thread_count", "jvm_thread_current");

  /** Must equal the facade's own definition of the counter, so that the SDK shares one stream. */
  static final String DROPPED_HELP = "Measurements dropped because of bad input, by reason";

  /** The one reason this class counts under. */
  private enum Drop {
    EXPORTER_DROPPED
  }

  private static final Logger LOGGER = LoggerFactory.getLogger(LintCleanSnapshots.class);

  private final PrometheusMetricReader converter;
  private final MetricReader reader = new Reader();
  private final ThreadLocal<Collection<MetricData>> handedOver = new ThreadLocal<>();
  private final Object collecting = new Object();
  private final ThrottledWarning warning = new ThrottledWarning(LOGGER);
  private volatile CollectionRegistration sdk = CollectionRegistration.noop();
  private volatile ReasonCounter<Drop> dropped;
  private final SeriesConversion series = new SeriesConversion(this::exporterConversion);

  LintCleanSnapshots(PrometheusMetricReader converter) {
    this.converter = converter;
    converter.register(
        new CollectionRegistration() {
          @Override
          public Collection<MetricData> collectAllMetrics() {
            Collection<MetricData> data = handedOver.get();
            return data != null ? data : List.of();
          }
        });
  }

  /** The exporter's own conversion of {@code data}, alone. */
  private MetricSnapshots exporterConversion(Collection<MetricData> data) {
    handedOver.set(data);
    try {
      return converter.collect();
    } finally {
      handedOver.remove();
    }
  }

  /** The reader to register with the SDK's meter provider (in place of the exporter's). */
  MetricReader reader() {
    return reader;
  }

  /** Counts what a scrape leaves out in {@code pillars_metrics_dropped_total} of {@code meter}. */
  void countDropsIn(Meter meter) {
    dropped =
        ReasonCounter.builder("pillars.metrics.dropped", Drop.class, d -> "exporter_dropped")
            .description(DROPPED_HELP)
            .countInto(meter)
            .build();
  }

  @Override
  public MetricSnapshots collect() {
    synchronized (collecting) {
      return collectAndConvert();
    }
  }

  private MetricSnapshots collectAndConvert() {
    Collection<MetricData> all;
    try {
      all = sdk.collectAllMetrics();
    } catch (RuntimeException e) {
      warning.warn("Pillars metrics: collecting from the SDK failed; this scrape is empty: " + e);
      return MetricSnapshots.of();
    }
    ScrapedFamilies families = new ScrapedFamilies();
    InfoSnapshot target = null;
    long lost = 0;
    series.startScrape();
    for (MetricData data : all) {
      MetricSnapshots converted;
      try {
        converted = series.convert(data);
      } catch (RuntimeException e) {
        lost += lose(data.getName(), data.getData().getPoints().size(), e.toString());
        continue;
      }
      boolean kept = false;
      for (MetricSnapshot s : converted) {
        if (isTargetInfo(s)) {
          if (target == null) {
            target = withTargetHelp((InfoSnapshot) s);
          }
          continue;
        }
        kept = true;
        String refused = families.add(mend(s));
        if (refused != null) {
          lost += lose(s.getMetadata().getPrometheusName(), s.getDataPoints().size(), refused);
        }
      }
      if (!kept && !data.getData().getPoints().isEmpty()) {
        lost +=
            lose(
                data.getName(),
                data.getData().getPoints().size(),
                "the exporter could not convert it (see its java.util.logging warning)");
      }
    }
    ReasonCounter<Drop> counter = dropped;
    if (counter != null) {
      counter.add(Drop.EXPORTER_DROPPED, lost);
    }
    List<MetricSnapshot> out = families.snapshots();
    if (target != null) {
      out.add(target);
    }
    return new MetricSnapshots(out);
  }

  private long lose(String family, int series, String why) {
    warning.warn(
        "Pillars metrics: /metrics left out '" + family + "' (" + series + " series): " + why);
    return series;
  }

  private static boolean isTargetInfo(MetricSnapshot s) {
    return s instanceof InfoSnapshot && "target".equals(s.getMetadata().getName());
  }

  private static InfoSnapshot withTargetHelp(InfoSnapshot s) {
    MetricMetadata m = s.getMetadata();
    return m.getHelp() != null
        ? s
        : new InfoSnapshot(new MetricMetadata(m.getName(), TARGET_INFO_HELP), s.getDataPoints());
  }

  private static MetricSnapshot mend(MetricSnapshot s) {
    MetricMetadata m = s.getMetadata();
    if (s instanceof GaugeSnapshot && RENAMED_GAUGES.containsKey(m.getName())) {
      return new GaugeSnapshot(
          new MetricMetadata(RENAMED_GAUGES.get(m.getName()), m.getHelp(), m.getUnit()),
          ((GaugeSnapshot) s).getDataPoints());
    }
    return s;
  }

  /** The SDK's view of the exporter: the exporter's settings, this class's collection. */
  private final class Reader implements MetricReader {
    @Override
    public void register(CollectionRegistration registration) {
      sdk = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType type) {
      return converter.getAggregationTemporality(type);
    }

    @Override
    public Aggregation getDefaultAggregation(InstrumentType type) {
      return converter.getDefaultAggregation(type);
    }

    @Override
    public MemoryMode getMemoryMode() {
      return MemoryMode.REUSABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return converter.forceFlush();
    }

    @Override
    public CompletableResultCode shutdown() {
      sdk = CollectionRegistration.noop();
      return converter.shutdown();
    }

    @Override
    public String toString() {
      return converter.toString();
    }
  }
}
