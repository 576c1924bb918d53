package dev.pillars.metrics;

/**
 * Why a measurement was dropped or repaired. The {@link #label()} is the {@code reason} label of
 * the {@code pillars_metrics_dropped_total} and {@code pillars_metrics_repaired_total}
 * self-metrics.
 */
enum Problem {
  /** Null, blank or not a valid OpenTelemetry instrument name. Dropped. */
  INVALID_NAME("invalid_name", true),
  /**
   * The name's Prometheus form is another metric's ({@code request.count} beside {@code
   * request_count}, {@code x_count} beside histogram {@code x}), {@code target_info}'s, or in
   * Pillars' own {@code pillars_*}. Dropped.
   */
  NAME_CONFLICT("name_conflict", true),
  /** A new metric name past the facade's limit on distinct metric names. Dropped. */
  TOO_MANY_METRICS("too_many_metrics", true),
  /**
   * Odd number of label arguments; a null, invalid or reserved label name; two names written alike;
   * too many labels; or label names other than the metric's (its declared ones, or for a metric
   * without a definition, those of its first use). Dropped.
   */
  INVALID_LABELS("invalid_labels", true),
  /** NaN or an infinity. Dropped. */
  NON_FINITE_VALUE("non_finite_value", true),
  /** A negative counter increment. Dropped. */
  NEGATIVE_INCREMENT("negative_increment", true),
  /** A negative histogram value (histograms record magnitudes such as durations). Dropped. */
  NEGATIVE_VALUE("negative_value", true),
  /** The name is already used by a metric of another type. Dropped. */
  TYPE_CONFLICT("type_conflict", true),
  /** A timing or error-counting wrapper given null work: nothing ran. Dropped. */
  NULL_BODY("null_body", true),
  /** Recorded after {@code close()}. Dropped. */
  AFTER_CLOSE("after_close", true),
  /**
   * Series the Prometheus exporter could not write (a family whose name or labels clash with
   * another's after conversion, or that failed to convert), counted per series and scrape. Counted
   * by the Prometheus exposition ({@code /metrics}), not by the facade; listed here so that every
   * reason of {@code pillars_metrics_dropped_total} is in one place.
   */
  EXPORTER_DROPPED("exporter_dropped", true),
  /** A null label value, recorded as the empty string. */
  NULL_LABEL_VALUE("null_label_value", false),
  /** A label value holding a lone surrogate, replaced by U+FFFD. */
  INVALID_UTF16("invalid_utf16", false),
  /** A label value longer than the limit, truncated. */
  LABEL_VALUE_TOO_LONG("label_value_too_long", false);

  private final String label;
  private final boolean dropped;

  Problem(String label, boolean dropped) {
    this.label = label;
    this.dropped = dropped;
  }

  String label() {
    return label;
  }

  boolean dropped() {
    return dropped;
  }
}
