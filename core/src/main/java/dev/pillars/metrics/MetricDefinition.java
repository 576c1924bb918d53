package dev.pillars.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a metric is: name, type, description, unit, histogram buckets, label names and series limit.
 * Immutable; build one with {@link #counter(String)}, {@link #histogram(String)} or {@link
 * #gauge(String)}, then hand it to {@link Metrics#counter(MetricDefinition)} and friends.
 *
 * <pre>{@code
 * static final MetricDefinition RERANK_LATENCY = MetricDefinition.histogram("rerank_latency")
 *     .description("Reranking latency").unit("s")
 *     .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
 *     .build();
 * }</pre>
 *
 * <p>Names follow OpenTelemetry's instrument-name rules; the Prometheus name is derived from name,
 * unit and type ({@code rerank_latency} with unit {@code s} is {@code rerank_latency_seconds};
 * counters get {@code _total}). {@link Builder#build()} rejects an invalid definition with an
 * {@link IllegalArgumentException} that says what to change: definitions are configuration.
 *
 * <p>Label names are a schema: every series of the metric carries exactly the {@code labelNames}
 * (in any order when given as name/value pairs), plus any of the {@code optionalLabelNames} (such
 * as {@code error.type} on failed calls only); other names are refused and counted. Each label name
 * starts with a letter, then letters, digits, {@code _}, {@code .} or {@code -}, at most {@value
 * Metrics#MAX_LABEL_NAME_LENGTH} characters, {@value Metrics#MAX_LABEL_NAMES} names in all; {@code
 * le}, {@code quantile}, {@code otel_scope_*} and {@code otel_metric_overflow} are reserved, and no
 * two names may be written alike in Prometheus ({@code a.b}, {@code a_b}).
 *
 * @param name the OpenTelemetry instrument name
 * @param type counter, histogram or gauge
 * @param description the help text shown by Prometheus
 * @param unit a UCUM unit ({@code s}, {@code By}, {@code {token}}, ...) or {@code ""}
 * @param buckets histogram bucket upper bounds, ascending; empty for other types
 * @param labelNames the label names every series carries, in the order {@code labels(..)} takes
 *     values
 * @param cardinalityLimit the most series kept, or 0 for the facade's default
 * @param optionalLabelNames label names a series may add to {@code labelNames} (only through the
 *     name/value calls, such as {@code recordHistogram})
 */
public record MetricDefinition(
    String name,
    MetricType type,
    String description,
    String unit,
    List<Double> buckets,
    List<String> labelNames,
    int cardinalityLimit,
    List<String> optionalLabelNames) {

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-/]{0,254}");

  /** Copies the lists and checks the invariants that the builder documents. */
  public MetricDefinition {
    Objects.requireNonNull(type, "type");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "invalid metric name '"
              + name
              + "': use 1-255 characters, starting with a letter,"
              + " then letters, digits, '_', '.', '-' or '/'");
    }
    description = Objects.requireNonNullElse(description, "");
    unit = Objects.requireNonNullElse(unit, "");
    buckets = List.copyOf(Objects.requireNonNullElse(buckets, List.of()));
    labelNames = List.copyOf(Objects.requireNonNullElse(labelNames, List.of()));
    optionalLabelNames = List.copyOf(Objects.requireNonNullElse(optionalLabelNames, List.of()));
    if (type != MetricType.HISTOGRAM && !buckets.isEmpty()) {
      throw new IllegalArgumentException("metric '" + name + "': only histograms take buckets");
    }
    for (int i = 0; i < buckets.size(); i++) {
      double b = buckets.get(i);
      if (!Double.isFinite(b) || (i > 0 && b <= buckets.get(i - 1))) {
        throw new IllegalArgumentException(
            "metric '" + name + "': buckets must be finite and strictly ascending, got " + buckets);
      }
    }
    List<String> allLabels = new ArrayList<>(labelNames);
    allLabels.addAll(optionalLabelNames);
    if (new HashSet<>(allLabels).size() != allLabels.size()) {
      throw new IllegalArgumentException(
          "metric '" + name + "': label names must be distinct, got " + allLabels);
    }
    for (String label : allLabels) {
      if (label.isBlank()) {
        throw new IllegalArgumentException("metric '" + name + "': label names must not be blank");
      }
    }
    String labelProblem = LabelNames.problem(allLabels);
    if (labelProblem != null) {
      throw new IllegalArgumentException(
          "metric '"
              + name
              + "': "
              + labelProblem
              + "; label names start with a letter, then"
              + " letters, digits, '_', '.' or '-', at most "
              + Limits.MAX_LABEL_NAME_LENGTH
              + " characters and "
              + Limits.MAX_LABEL_NAMES
              + " names, none of le, quantile,"
              + " otel_scope_*, otel_metric_overflow");
    }
    if (cardinalityLimit < 0 || cardinalityLimit > Limits.MAX_CARDINALITY_LIMIT) {
      throw new IllegalArgumentException(
          "metric '"
              + name
              + "': cardinalityLimit must be 0 (the default) or 1.."
              + Limits.MAX_CARDINALITY_LIMIT
              + ", got "
              + cardinalityLimit);
    }
  }

  /** A definition without optional label names. */
  public MetricDefinition(
      String name,
      MetricType type,
      String description,
      String unit,
      List<Double> buckets,
      List<String> labelNames,
      int cardinalityLimit) {
    this(name, type, description, unit, buckets, labelNames, cardinalityLimit, List.of());
  }

  /** Whether {@code name} is a valid OpenTelemetry instrument name. */
  static boolean isValidName(String name) {
    return name != null && VALID_NAME.matcher(name).matches();
  }

  /** Starts a counter definition. */
  public static Builder counter(String name) {
    return new Builder(name, MetricType.COUNTER);
  }

  /** Starts a histogram definition. */
  public static Builder histogram(String name) {
    return new Builder(name, MetricType.HISTOGRAM);
  }

  /** Starts a gauge definition. */
  public static Builder gauge(String name) {
    return new Builder(name, MetricType.GAUGE);
  }

  /** Builds a {@link MetricDefinition}; setters return {@code this}. */
  public static final class Builder {
    private final String name;
    private final MetricType type;
    private String description = "";
    private String unit = "";
    private List<Double> buckets = List.of();
    private List<String> labelNames = List.of();
    private List<String> optionalLabelNames = List.of();
    private int cardinalityLimit;

    private Builder(String name, MetricType type) {
      this.name = name;
      this.type = type;
    }

    /** The help text. */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /** The UCUM unit: {@code s} for durations in seconds, {@code By} for bytes, ... */
    public Builder unit(String unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /** Histogram bucket upper bounds, strictly ascending. */
    public Builder buckets(double... bounds) {
      List<Double> list = new ArrayList<>(bounds.length);
      for (double b : bounds) {
        list.add(b);
      }
      this.buckets = list;
      return this;
    }

    /** The label names, in the order that {@code labels(..)} takes their values. */
    public Builder labelNames(String... names) {
      this.labelNames = Arrays.asList(Objects.requireNonNull(names, "names").clone());
      return this;
    }

    /**
     * Label names a series may carry besides the {@link #labelNames}, such as {@code error.type} on
     * failures only; they are given as name/value pairs ({@code recordHistogram(name, v, ...,
     * "error.type", "timeout")}), never to {@code labels(..)}.
     */
    public Builder optionalLabelNames(String... names) {
      this.optionalLabelNames = Arrays.asList(Objects.requireNonNull(names, "names").clone());
      return this;
    }

    /** The most series this metric keeps before it folds new ones into the overflow series. */
    public Builder cardinalityLimit(int limit) {
      this.cardinalityLimit = limit;
      return this;
    }

    /** Validates and returns the definition. */
    public MetricDefinition build() {
      return new MetricDefinition(
          name, type, description, unit, buckets, labelNames, cardinalityLimit, optionalLabelNames);
    }
  }
}
