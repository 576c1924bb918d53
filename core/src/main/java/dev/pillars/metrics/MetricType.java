package dev.pillars.metrics;

/** The kinds of metric the facade records. */
public enum MetricType {
  /** A monotonic sum: {@code _total} in Prometheus, a monotonic Sum in OTLP. */
  COUNTER,
  /** A distribution over explicit buckets: {@code _bucket}, {@code _sum}, {@code _count}. */
  HISTOGRAM,
  /** A current value that can be set, raised and lowered. */
  GAUGE
}
