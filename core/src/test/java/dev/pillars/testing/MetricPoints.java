package dev.pillars.testing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Points of one collection of an in-memory metric reader, by metric name and exact attributes: the
 * lookups the modules' test fixtures share (core's test-jar).
 */
public final class MetricPoints {

  private MetricPoints() {}

  /** Every point of double counter {@code name}. */
  public static List<DoublePointData> counterPoints(Collection<MetricData> data, String name) {
    return data.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getDoubleSumData().getPoints().stream())
        .toList();
  }

  /** Every point of double gauge {@code name}. */
  public static List<DoublePointData> gaugePoints(Collection<MetricData> data, String name) {
    return data.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getDoubleGaugeData().getPoints().stream())
        .toList();
  }

  /** Every point of histogram {@code name}. */
  public static List<HistogramPointData> histogram(Collection<MetricData> data, String name) {
    return data.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getHistogramData().getPoints().stream())
        .toList();
  }

  /** The value of the point at exactly {@code attributes}; NaN when there is none. */
  public static double valueAt(List<DoublePointData> points, Attributes attributes) {
    return points.stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToDouble(DoublePointData::getValue)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The histogram point at exactly {@code attributes}. */
  public static Optional<HistogramPointData> histogramAt(
      List<HistogramPointData> points, Attributes attributes) {
    return points.stream().filter(p -> p.getAttributes().equals(attributes)).findFirst();
  }
}
