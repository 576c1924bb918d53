package dev.pillars;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenTelemetry exporter's metrics, with help text on {@code target_info}: the exporter
 * writes it without, and {@code promtool check metrics} rejects a family without help.
 */
final class DescribedTargetInfo implements MultiCollector {

  static final String HELP = "Target metadata: the OpenTelemetry resource of this process";

  private final MultiCollector delegate;

  DescribedTargetInfo(MultiCollector delegate) {
    this.delegate = delegate;
  }

  @Override
  public MetricSnapshots collect() {
    MetricSnapshots snapshots = delegate.collect();
    List<MetricSnapshot> out = new ArrayList<>(snapshots.size());
    for (MetricSnapshot s : snapshots) {
      MetricMetadata m = s.getMetadata();
      if (s instanceof InfoSnapshot && "target".equals(m.getName()) && m.getHelp() == null) {
        out.add(new InfoSnapshot(new MetricMetadata(m.getName(), HELP), ((InfoSnapshot) s).getDataPoints()));
      } else {
        out.add(s);
      }
    }
    return new MetricSnapshots(out);
  }
}
