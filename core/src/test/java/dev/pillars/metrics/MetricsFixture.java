package dev.pillars.metrics;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A {@link Metrics} over an SDK with an in-memory reader, and ways to read what it recorded. */
final class MetricsFixture implements AutoCloseable {

  final InMemoryMetricReader reader = InMemoryMetricReader.create();
  final SdkMeterProvider meterProvider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setMeterProvider(meterProvider).build();
  final Metrics metrics;

  MetricsFixture() {
    this(Metrics.DEFAULT_CARDINALITY_LIMIT);
  }

  MetricsFixture(int cardinalityLimit) {
    this(cardinalityLimit, false);
  }

  /**
   * @param withoutBoundInstruments true to hand the facade this SDK through {@link
   *     PlainInstruments}, whose instruments do not implement the incubator's bound instruments
   */
  MetricsFixture(int cardinalityLimit, boolean withoutBoundInstruments) {
    this.metrics =
        Metrics.builder(withoutBoundInstruments ? PlainInstruments.over(sdk) : sdk)
            .cardinalityLimit(cardinalityLimit)
            .build();
  }

  /**
   * Everything collected, as sorted lines of metric name, attributes and value (sums; histogram
   * count, sum and bucket counts; gauges): what the exposition is made of, without timestamps and
   * exemplars.
   */
  String snapshot() {
    List<String> lines = new java.util.ArrayList<>();
    for (MetricData m : collect()) {
      switch (m.getType()) {
        case DOUBLE_SUM:
          m.getDoubleSumData()
              .getPoints()
              .forEach(p -> lines.add(m.getName() + p.getAttributes() + " " + p.getValue()));
          break;
        case LONG_SUM:
          m.getLongSumData()
              .getPoints()
              .forEach(p -> lines.add(m.getName() + p.getAttributes() + " " + p.getValue()));
          break;
        case DOUBLE_GAUGE:
          m.getDoubleGaugeData()
              .getPoints()
              .forEach(p -> lines.add(m.getName() + p.getAttributes() + " " + p.getValue()));
          break;
        case HISTOGRAM:
          m.getHistogramData()
              .getPoints()
              .forEach(
                  p ->
                      lines.add(
                          m.getName()
                              + p.getAttributes()
                              + " count="
                              + p.getCount()
                              + " sum="
                              + p.getSum()
                              + " "
                              + p.getCounts()));
          break;
        default:
          lines.add(m.getName() + " " + m.getType());
      }
    }
    return lines.stream().sorted().collect(Collectors.joining("\n"));
  }

  Collection<MetricData> collect() {
    return reader.collectAllMetrics();
  }

  static Optional<MetricData> find(Collection<MetricData> data, String name) {
    return data.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  /** The value of sum {@code name} at exactly {@code attributes}, or NaN when absent. */
  double sum(String name, Attributes attributes) {
    return sumPoints(collect(), name).stream()
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToDouble(DoublePointData::getValue)
        .findFirst()
        .orElse(Double.NaN);
  }

  static List<DoublePointData> sumPoints(Collection<MetricData> data, String name) {
    return find(data, name)
        .map(m -> List.copyOf(m.getDoubleSumData().getPoints()))
        .orElse(List.of());
  }

  /** The value of a long counter (the self-metrics) at {@code attributes}, or 0. */
  long selfCount(String name, Attributes attributes) {
    return find(collect(), name)
        .map(
            m ->
                m.getLongSumData().getPoints().stream()
                    .filter(p -> p.getAttributes().equals(attributes))
                    .mapToLong(p -> p.getValue())
                    .sum())
        .orElse(0L);
  }

  long dropped(String reason) {
    return selfCount("pillars.metrics.dropped", Attributes.builder().put("reason", reason).build());
  }

  long repaired(String reason) {
    return selfCount(
        "pillars.metrics.repaired", Attributes.builder().put("reason", reason).build());
  }

  Optional<HistogramPointData> histogram(String name, Attributes attributes) {
    return find(collect(), name)
        .flatMap(
            m ->
                m.getHistogramData().getPoints().stream()
                    .filter(p -> p.getAttributes().equals(attributes))
                    .findFirst());
  }

  double gauge(String name, Attributes attributes) {
    return find(collect(), name)
        .flatMap(
            m ->
                m.getDoubleGaugeData().getPoints().stream()
                    .filter(p -> p.getAttributes().equals(attributes))
                    .findFirst())
        .map(DoublePointData::getValue)
        .orElse(Double.NaN);
  }

  static String names(Collection<MetricData> data) {
    return data.stream().map(MetricData::getName).sorted().collect(Collectors.joining(","));
  }

  static Attributes attrs(String... pairs) {
    var b = Attributes.builder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.put(pairs[i], pairs[i + 1]);
    }
    return b.build();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
