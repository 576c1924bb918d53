package dev.pillars;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoubleExemplarData;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongExemplarData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * Some points of a metric, as {@link SeriesConversion} hands them to the exporter: the metric's
 * name, scope, resource and kind, and each point with its attributes, exemplars and timestamps, but
 * its index among the points handed over in place of its value (a histogram's sum), so that the
 * exporter's sorted output can be matched to the SDK's points.
 */
final class IndexedPoints {

  private IndexedPoints() {}

  /** A metric like {@code whole} holding {@code points}, each with its index as its value. */
  static MetricData metric(MetricData whole, PointData[] points) {
    return new Subset(whole, data(whole, points, points.length));
  }

  private static Data<?> data(MetricData whole, PointData[] points, int count) {
    switch (whole.getType()) {
      case LONG_SUM:
        return SumData.createLongSumData(
            whole.getLongSumData().isMonotonic(),
            whole.getLongSumData().getAggregationTemporality(),
            longs(points, count));
      case LONG_GAUGE:
        return GaugeData.createLongGaugeData(longs(points, count));
      case DOUBLE_SUM:
        return SumData.createDoubleSumData(
            whole.getDoubleSumData().isMonotonic(),
            whole.getDoubleSumData().getAggregationTemporality(),
            doubles(points, count));
      case DOUBLE_GAUGE:
        return GaugeData.createDoubleGaugeData(doubles(points, count));
      case HISTOGRAM:
        List<HistogramPointData> histograms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          histograms.add(new IndexedHistogram((HistogramPointData) points[i], i));
        }
        return HistogramData.create(
            whole.getHistogramData().getAggregationTemporality(), histograms);
      default:
        throw new IllegalArgumentException("not kept by series: " + whole.getType());
    }
  }

  private static List<LongPointData> longs(PointData[] points, int count) {
    List<LongPointData> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new IndexedLong((LongPointData) points[i], i));
    }
    return out;
  }

  private static List<DoublePointData> doubles(PointData[] points, int count) {
    List<DoublePointData> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(new IndexedDouble((DoublePointData) points[i], i));
    }
    return out;
  }

  /** What every indexed point takes from its SDK point. */
  private abstract static class Indexed<P extends PointData> implements PointData {
    final P point;
    final int index;

    Indexed(P point, int index) {
      this.point = point;
      this.index = index;
    }

    @Override
    public long getStartEpochNanos() {
      return point.getStartEpochNanos();
    }

    @Override
    public long getEpochNanos() {
      return point.getEpochNanos();
    }

    @Override
    public Attributes getAttributes() {
      return point.getAttributes();
    }
  }

  private static final class IndexedLong extends Indexed<LongPointData> implements LongPointData {
    IndexedLong(LongPointData point, int index) {
      super(point, index);
    }

    @Override
    public long getValue() {
      return index;
    }

    @Override
    public List<LongExemplarData> getExemplars() {
      return point.getExemplars();
    }
  }

  private static final class IndexedDouble extends Indexed<DoublePointData>
      implements DoublePointData {
    IndexedDouble(DoublePointData point, int index) {
      super(point, index);
    }

    @Override
    public double getValue() {
      return index;
    }

    @Override
    public List<DoubleExemplarData> getExemplars() {
      return point.getExemplars();
    }
  }

  private static final class IndexedHistogram extends Indexed<HistogramPointData>
      implements HistogramPointData {
    IndexedHistogram(HistogramPointData point, int index) {
      super(point, index);
    }

    @Override
    public double getSum() {
      return index;
    }

    @Override
    public long getCount() {
      return point.getCount();
    }

    @Override
    public boolean hasMin() {
      return point.hasMin();
    }

    @Override
    public double getMin() {
      return point.getMin();
    }

    @Override
    public boolean hasMax() {
      return point.hasMax();
    }

    @Override
    public double getMax() {
      return point.getMax();
    }

    @Override
    public List<Double> getBoundaries() {
      return point.getBoundaries();
    }

    @Override
    public List<Long> getCounts() {
      return point.getCounts();
    }

    @Override
    public List<DoubleExemplarData> getExemplars() {
      return point.getExemplars();
    }
  }

  /** A metric with some of its points (the same name, scope, resource and kind). */
  private static final class Subset implements MetricData {
    private final MetricData whole;
    private final Data<?> data;

    Subset(MetricData whole, Data<?> data) {
      this.whole = whole;
      this.data = data;
    }

    @Override
    public Resource getResource() {
      return whole.getResource();
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
      return whole.getInstrumentationScopeInfo();
    }

    @Override
    public String getName() {
      return whole.getName();
    }

    @Override
    public String getDescription() {
      return whole.getDescription();
    }

    @Override
    public String getUnit() {
      return whole.getUnit();
    }

    @Override
    public MetricDataType getType() {
      return whole.getType();
    }

    @Override
    public Data<?> getData() {
      return data;
    }
  }
}
