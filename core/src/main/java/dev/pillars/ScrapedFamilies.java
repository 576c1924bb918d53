package dev.pillars;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The families of one scrape, as {@link LintCleanSnapshots} gathers them metric by metric: which
 * Prometheus name each has and which sample names it writes, so that a family that would clash with
 * one already kept (same name with another type or unit, equal label sets, a sample name another
 * family writes, {@code target_info}'s names) is refused instead of breaking the scrape.
 */
final class ScrapedFamilies {

  private final Map<String, MetricSnapshot> byName = new LinkedHashMap<>();
  private final Map<String, String> sampleOwners = new HashMap<>();

  ScrapedFamilies() {
    // The resource's family, added after the others: nothing else may write its names.
    sampleOwners.put("target", "target_info");
    sampleOwners.put("target_info", "target_info");
  }

  /** Adds {@code s} (merging it into its family), or says why it must be left out. */
  String add(MetricSnapshot s) {
    String name = s.getMetadata().getPrometheusName();
    MetricSnapshot existing = byName.get(name);
    if (existing != null) {
      if (existing.getClass() != s.getClass()) {
        return "family '" + name + "' is a " + kind(existing) + " already, not a " + kind(s);
      }
      if (!Objects.equals(existing.getMetadata().getUnit(), s.getMetadata().getUnit())) {
        return "family '" + name + "' has another unit already";
      }
      try {
        byName.put(name, merge(existing, s));
        return null;
      } catch (IllegalArgumentException e) {
        return "its series clash with those of family '" + name + "' already kept: " + e;
      }
    }
    List<String> samples = samples(name, s);
    for (String sample : samples) {
      String owner = sampleOwners.get(sample);
      if (owner != null) {
        return "it writes '" + sample + "', which family '" + owner + "' writes already";
      }
    }
    for (String sample : samples) {
      sampleOwners.put(sample, name);
    }
    byName.put(name, s);
    return null;
  }

  List<MetricSnapshot> snapshots() {
    return new ArrayList<>(byName.values());
  }

  private static List<String> samples(String name, MetricSnapshot s) {
    if (s instanceof CounterSnapshot) {
      return List.of(name, name + "_total", name + "_created");
    }
    if (s instanceof HistogramSnapshot) {
      return List.of(
          name,
          name + "_bucket",
          name + "_count",
          name + "_sum",
          name + "_created",
          name + "_gcount",
          name + "_gsum");
    }
    if (s instanceof SummarySnapshot) {
      return List.of(name, name + "_count", name + "_sum", name + "_created");
    }
    if (s instanceof InfoSnapshot) {
      return List.of(name, name + "_info");
    }
    return List.of(name);
  }

  private static String kind(MetricSnapshot s) {
    return s.getClass().getSimpleName().replace("Snapshot", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static MetricSnapshot merge(MetricSnapshot a, MetricSnapshot b) {
    MetricMetadata m = a.getMetadata();
    if (a instanceof CounterSnapshot) {
      List<CounterSnapshot.CounterDataPointSnapshot> points =
          new ArrayList<>(((CounterSnapshot) a).getDataPoints());
      points.addAll(((CounterSnapshot) b).getDataPoints());
      return new CounterSnapshot(m, points);
    }
    if (a instanceof GaugeSnapshot) {
      List<GaugeSnapshot.GaugeDataPointSnapshot> points =
          new ArrayList<>(((GaugeSnapshot) a).getDataPoints());
      points.addAll(((GaugeSnapshot) b).getDataPoints());
      return new GaugeSnapshot(m, points);
    }
    if (a instanceof HistogramSnapshot) {
      List<HistogramSnapshot.HistogramDataPointSnapshot> points =
          new ArrayList<>(((HistogramSnapshot) a).getDataPoints());
      points.addAll(((HistogramSnapshot) b).getDataPoints());
      return new HistogramSnapshot(m, points);
    }
    if (a instanceof SummarySnapshot) {
      List<SummarySnapshot.SummaryDataPointSnapshot> points =
          new ArrayList<>(((SummarySnapshot) a).getDataPoints());
      points.addAll(((SummarySnapshot) b).getDataPoints());
      return new SummarySnapshot(m, points);
    }
    if (a instanceof InfoSnapshot) {
      List<InfoSnapshot.InfoDataPointSnapshot> points =
          new ArrayList<>(((InfoSnapshot) a).getDataPoints());
      points.addAll(((InfoSnapshot) b).getDataPoints());
      return new InfoSnapshot(m, points);
    }
    throw new IllegalArgumentException("cannot merge two " + kind(a) + " families");
  }
}
