package dev.pillars;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The OpenTelemetry exporter's conversion of one metric to Prometheus snapshots, done once per
 * series instead of once per scrape. The exporter's converter turns every point's attributes into
 * Prometheus labels afresh at each scrape (about 1.4 KB and most of a scrape's CPU per series); a
 * series' labels depend only on its metric and its attributes, so they are kept here from scrape to
 * scrape.
 *
 * <p>The exporter still decides everything about names and labels: at each scrape it is handed the
 * points this class has not seen before, and those that carry exemplars (whose labels it writes
 * too). The other points are rebuilt with the labels it gave them earlier, their values, and the
 * metric's metadata as it converted them. Counters, gauges, up-down counters and explicit-bucket
 * histograms are kept this way; other kinds (exponential histograms, summaries, delta data) go to
 * the exporter whole, every scrape.
 *
 * <p>The exporter sorts the points it returns by their labels. To tell which converted point came
 * from which SDK point, each point handed to it carries its index in place of its value (a
 * histogram's: its sum); the real values come from the SDK's point.
 *
 * <p>Series not seen in a scrape are forgotten, so the cache holds only live series. Not
 * thread-safe: {@link LintCleanSnapshots} converts one scrape at a time.
 *
 * <p>Over 300 lines: the small types of its cache (the metric's key, its kept conversion, a series,
 * one scrape's points) are private to it and nothing else needs them.
 */
final class SeriesConversion {

  private static final Comparator<Series> BY_LABELS = Comparator.comparing(s -> s.labels);

  private final Function<Collection<MetricData>, MetricSnapshots> exporter;
  private final Map<MetricKey, MetricCache> metrics = new HashMap<>();
  private InfoSnapshot lastTarget;
  private long scrape;
  private int metricsThisScrape;
  private long handedOver;

  /**
   * @param exporter the exporter's converter: snapshots of exactly the metrics given (and {@code
   *     target_info}), or none for a metric it cannot write
   */
  SeriesConversion(Function<Collection<MetricData>, MetricSnapshots> exporter) {
    this.exporter = exporter;
  }

  /** Starts a scrape: series and metrics not converted from now to the next call are forgotten. */
  void startScrape() {
    if (metrics.size() > metricsThisScrape) {
      long last = scrape;
      metrics.values().removeIf(m -> m.seen != last);
    }
    scrape++;
    metricsThisScrape = 0;
  }

  /**
   * The snapshots of {@code data}, as the exporter would write them, and {@code target_info}. A
   * metric the exporter cannot write gives no snapshot of its own; one whose series clash (equal
   * labels after conversion) throws {@link IllegalArgumentException}.
   */
  MetricSnapshots convert(MetricData data) {
    MetricKey key = MetricKey.of(data);
    if (key == null || data.getData().getPoints().isEmpty()) {
      return exporter.apply(List.of(data));
    }
    MetricCache cache = metrics.computeIfAbsent(key, k -> new MetricCache());
    cache.seen = scrape;
    metricsThisScrape++;
    Scraped scraped = new Scraped(data.getData().getPoints());
    for (int i = 0; i < scraped.points.length; i++) {
      PointData point = scraped.points[i];
      Series series = cache.series.get(point.getAttributes());
      scraped.series[i] = series;
      if (series == null) {
        scraped.newSeries++;
        scraped.fresh[scraped.freshCount++] = i;
      } else if (!point.getExemplars().isEmpty()) {
        scraped.fresh[scraped.freshCount++] = i;
      }
    }
    if (scraped.freshCount > 0 && !convertFresh(data, cache, scraped)) {
      cache.series.clear();
      return lastTarget == null ? MetricSnapshots.of() : new MetricSnapshots(lastTarget);
    }
    MetricSnapshot snapshot = rebuild(cache, scraped);
    if (cache.series.size() > scraped.points.length) {
      long now = scrape;
      cache.series.values().removeIf(s -> s.seen != now);
    }
    return lastTarget == null
        ? new MetricSnapshots(snapshot)
        : new MetricSnapshots(snapshot, lastTarget);
  }

  /** How many points the exporter was handed since this object was made. */
  long pointsHandedOver() {
    return handedOver;
  }

  /** How many series' labels are kept now. */
  int seriesKept() {
    int n = 0;
    for (MetricCache m : metrics.values()) {
      n += m.series.size();
    }
    return n;
  }

  /**
   * Hands the fresh points to the exporter, each with its index as its value, and keeps what it
   * made of them. False when it wrote no snapshot of the metric.
   */
  private boolean convertFresh(MetricData data, MetricCache cache, Scraped scraped) {
    PointData[] fresh = new PointData[scraped.freshCount];
    for (int f = 0; f < fresh.length; f++) {
      fresh[f] = scraped.points[scraped.fresh[f]];
    }
    handedOver += fresh.length;
    MetricSnapshots out = exporter.apply(List.of(IndexedPoints.metric(data, fresh)));
    MetricSnapshot own = null;
    for (MetricSnapshot s : out) {
      if (s instanceof InfoSnapshot && "target".equals(s.getMetadata().getName())) {
        lastTarget = (InfoSnapshot) s;
      } else {
        own = s;
      }
    }
    if (own == null) {
      return false;
    }
    cache.metadata = own.getMetadata();
    cache.kind = own.getClass();
    for (DataPointSnapshot p : own.getDataPoints()) {
      int i = scraped.fresh[(int) indexOf(p)];
      scraped.converted[i] = new PointConversion(p);
      if (scraped.series[i] == null) {
        Series series = new Series(p.getLabels());
        cache.series.put(scraped.points[i].getAttributes(), series);
        scraped.series[i] = series;
      }
    }
    return true;
  }

  private static double indexOf(DataPointSnapshot p) {
    if (p instanceof CounterDataPointSnapshot) {
      return ((CounterDataPointSnapshot) p).getValue();
    }
    if (p instanceof GaugeDataPointSnapshot) {
      return ((GaugeDataPointSnapshot) p).getValue();
    }
    return ((HistogramDataPointSnapshot) p).getSum();
  }

  /**
   * All points of the metric, in the order of their labels, so that the snapshot's own sort (by
   * labels) finds them sorted: the series are sorted only when they changed since the last scrape.
   */
  private MetricSnapshot rebuild(MetricCache cache, Scraped scraped) {
    Series[] series = scraped.series;
    for (Series s : series) {
      if (s == null) {
        throw new IllegalStateException("the exporter left out a series of the metric");
      }
      s.seen = scrape;
    }
    if (scraped.newSeries > 0 || cache.series.size() != series.length) {
      Series[] sorted = series.clone();
      Arrays.sort(sorted, BY_LABELS);
      for (int r = 0; r < sorted.length; r++) {
        sorted[r].rank = r;
      }
    }
    DataPointSnapshot[] out = new DataPointSnapshot[series.length];
    for (int i = 0; i < series.length; i++) {
      out[series[i].rank] =
          pointOf(cache, scraped.points[i], series[i].labels, scraped.converted[i]);
    }
    List<DataPointSnapshot> points = Arrays.asList(out);
    if (cache.kind == CounterSnapshot.class) {
      return new CounterSnapshot(cache.metadata, cast(points));
    }
    if (cache.kind == GaugeSnapshot.class) {
      return new GaugeSnapshot(cache.metadata, cast(points));
    }
    return new HistogramSnapshot(cache.metadata, cast(points));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(List<DataPointSnapshot> points) {
    return (List<T>) (List<?>) points;
  }

  private static DataPointSnapshot pointOf(
      MetricCache cache, PointData point, Labels labels, PointConversion c) {
    long created = point.getStartEpochNanos() / 1_000_000L;
    if (point instanceof HistogramPointData) {
      HistogramPointData h = (HistogramPointData) point;
      return new HistogramDataPointSnapshot(
          ClassicHistogramBuckets.of(cache.upperBounds(h.getBoundaries()), h.getCounts()),
          h.getSum(),
          labels,
          c == null ? Exemplars.EMPTY : c.exemplars,
          created);
    }
    double value =
        point instanceof LongPointData
            ? (double) ((LongPointData) point).getValue()
            : ((DoublePointData) point).getValue();
    Exemplar exemplar = c == null ? null : c.exemplar;
    if (cache.kind == CounterSnapshot.class) {
      return new CounterDataPointSnapshot(value, labels, exemplar, created);
    }
    return new GaugeDataPointSnapshot(value, labels, exemplar);
  }

  /** What makes the exporter convert two metrics alike. Null for kinds not kept here. */
  private static final class MetricKey {
    final Resource resource;
    final InstrumentationScopeInfo scope;
    final String name;
    final String description;
    final String unit;
    final MetricDataType type;
    final boolean monotonic;

    private MetricKey(MetricData d, boolean monotonic) {
      this.resource = d.getResource();
      this.scope = d.getInstrumentationScopeInfo();
      this.name = d.getName();
      this.description = d.getDescription();
      this.unit = d.getUnit();
      this.type = d.getType();
      this.monotonic = monotonic;
    }

    static MetricKey of(MetricData d) {
      switch (d.getType()) {
        case LONG_GAUGE:
        case DOUBLE_GAUGE:
          return new MetricKey(d, false);
        case LONG_SUM:
          return d.getLongSumData().getAggregationTemporality() == AggregationTemporality.CUMULATIVE
              ? new MetricKey(d, d.getLongSumData().isMonotonic())
              : null;
        case DOUBLE_SUM:
          return d.getDoubleSumData().getAggregationTemporality()
                  == AggregationTemporality.CUMULATIVE
              ? new MetricKey(d, d.getDoubleSumData().isMonotonic())
              : null;
        case HISTOGRAM:
          return d.getHistogramData().getAggregationTemporality()
                  == AggregationTemporality.CUMULATIVE
              ? new MetricKey(d, false)
              : null;
        default:
          return null;
      }
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof MetricKey)) {
        return false;
      }
      MetricKey k = (MetricKey) o;
      return type == k.type
          && monotonic == k.monotonic
          && name.equals(k.name)
          && description.equals(k.description)
          && unit.equals(k.unit)
          && scope.equals(k.scope)
          && resource.equals(k.resource);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, type, monotonic, description, unit, scope);
    }
  }

  /** One metric's kept conversion. */
  private static final class MetricCache {
    final Map<Attributes, Series> series = new HashMap<>();
    MetricMetadata metadata;
    Class<?> kind;
    long seen;
    private List<Double> sdkBounds;
    private List<Double> upperBounds;

    /** The SDK's bucket boundaries with {@code +Inf} added, as the exporter writes them. */
    List<Double> upperBounds(List<Double> boundaries) {
      if (boundaries != sdkBounds) {
        List<Double> withInf = new ArrayList<>(boundaries.size() + 1);
        withInf.addAll(boundaries);
        withInf.add(Double.POSITIVE_INFINITY);
        sdkBounds = boundaries;
        upperBounds = withInf;
      }
      return upperBounds;
    }
  }

  /** One series' labels, its place among its metric's series by labels, the last scrape of it. */
  private static final class Series {
    final Labels labels;
    int rank;
    long seen;

    Series(Labels labels) {
      this.labels = labels;
    }
  }

  /** One metric's points in this scrape, their kept series, and which are fresh. */
  private static final class Scraped {
    final PointData[] points;
    final Series[] series;
    final PointConversion[] converted;
    final int[] fresh;
    int freshCount;
    int newSeries;

    Scraped(Collection<? extends PointData> points) {
      this.points = points.toArray(new PointData[0]);
      this.series = new Series[this.points.length];
      this.converted = new PointConversion[this.points.length];
      this.fresh = new int[this.points.length];
    }
  }

  /** What the exporter made of one fresh point: its exemplars. */
  private static final class PointConversion {
    final Exemplar exemplar;
    final Exemplars exemplars;

    PointConversion(DataPointSnapshot p) {
      if (p instanceof CounterDataPointSnapshot) {
        exemplar = ((CounterDataPointSnapshot) p).getExemplar();
        exemplars = Exemplars.EMPTY;
      } else if (p instanceof GaugeDataPointSnapshot) {
        exemplar = ((GaugeDataPointSnapshot) p).getExemplar();
        exemplars = Exemplars.EMPTY;
      } else {
        exemplar = null;
        exemplars = ((HistogramDataPointSnapshot) p).getExemplars();
      }
    }
  }
}
