package dev.pillars;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry exporter's metrics, mended where {@code promtool check metrics} objects, so
 * that what {@code /metrics} serves lints clean:
 *
 * <ul>
 *   <li>{@code target_info} gets help text (the exporter writes none);
 *   <li>three JVM runtime gauges whose semantic-convention names end in {@code _count}, a suffix
 *       Prometheus reserves for histograms and summaries, are renamed: {@code jvm_class_count} to
 *       {@code jvm_class_current}, {@code jvm_cpu_count} to {@code jvm_cpu_available},
 *       {@code jvm_thread_count} to {@code jvm_thread_current}. Only the Prometheus output is
 *       renamed; OTLP carries the convention's names.
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

  private final MultiCollector delegate;

  LintCleanSnapshots(MultiCollector delegate) {
    this.delegate = delegate;
  }

  @Override
  public MetricSnapshots collect() {
    MetricSnapshots snapshots = delegate.collect();
    List<MetricSnapshot> out = new ArrayList<>(snapshots.size());
    for (MetricSnapshot s : snapshots) {
      MetricMetadata m = s.getMetadata();
      if (s instanceof InfoSnapshot && "target".equals(m.getName()) && m.getHelp() == null) {
        out.add(
            new InfoSnapshot(
                new MetricMetadata(m.getName(), TARGET_INFO_HELP),
                ((InfoSnapshot) s).getDataPoints()));
      } else if (s instanceof GaugeSnapshot && RENAMED_GAUGES.containsKey(m.getName())) {
        out.add(
            new GaugeSnapshot(
                new MetricMetadata(RENAMED_GAUGES.get(m.getName()), m.getHelp(), m.getUnit()),
                ((GaugeSnapshot) s).getDataPoints()));
      } else {
        out.add(s);
      }
    }
    return new MetricSnapshots(out);
  }
}
