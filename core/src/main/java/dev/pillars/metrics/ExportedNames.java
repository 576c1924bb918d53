package dev.pillars.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Which metric writes which Prometheus sample name, so that a second spelling of one family ({@code
 * request.count} beside {@code request_count}, {@code c6_total} beside counter {@code c6}) or a
 * name that shadows another family's samples ({@code x_count} beside histogram {@code x}) is
 * refused before it reaches the exporter. Not thread-safe: the facade calls it under its definition
 * lock, only when a metric is first defined.
 */
final class ExportedNames {

  /** Sample (and family) name to the instrument name that writes it. */
  private final Map<String, String> owners = new HashMap<>();

  /** Why {@code definition} may not write its Prometheus names, or null when it may. */
  String conflict(MetricDefinition definition) {
    String family = PrometheusNames.family(definition.name(), definition.unit());
    for (String sample : PrometheusNames.claimed(family, definition.type())) {
      String reserved = PrometheusNames.reservedReason(sample);
      if (reserved != null) {
        return "its Prometheus name '" + family + "' shadows " + reserved;
      }
      String owner = owners.get(sample);
      if (owner != null) {
        return "its Prometheus name '"
            + family
            + "' writes '"
            + sample
            + "', which metric '"
            + owner
            + "' writes already; use one spelling of a name";
      }
    }
    return null;
  }

  /** Records that {@code definition}'s metric writes its Prometheus names. */
  void claim(MetricDefinition definition) {
    String family = PrometheusNames.family(definition.name(), definition.unit());
    for (String sample : PrometheusNames.claimed(family, definition.type())) {
      owners.putIfAbsent(sample, definition.name());
    }
  }
}
