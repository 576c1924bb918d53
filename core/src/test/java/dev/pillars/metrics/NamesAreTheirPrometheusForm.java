package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.kit.ReasonCounter;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9 item 1: a metric is its name as Prometheus writes it; a second spelling is refused. */
class NamesAreTheirPrometheusForm {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  private List<String> names() {
    return f.collect().stream()
        .map(MetricData::getName)
        .filter(n -> !n.startsWith("pillars."))
        .sorted()
        .toList();
  }

  @Test
  void secondSpellingsOfOneFamilyAreRefusedAndCounted() {
    String[] labels = {"endpoint", "/q", "method", "GET", "status", "200"};
    metrics.incrementCounter("request_count", labels);
    metrics.incrementCounter("request.count", labels);
    metrics.incrementCounter("foo.bar", "k", "v");
    metrics.incrementCounter("foo_bar", "k", "v");
    metrics.setGauge("a/b", 1, "k", "v");
    metrics.setGauge("a_b", 2, "k", "v");
    metrics.incrementCounter("c6", "k", "v");
    metrics.incrementCounter("c6_total", "k", "v");
    metrics.incrementCounter("x--y", "k", "v");
    metrics.incrementCounter("x.y", "k", "v");

    assertThat(f.dropped("name_conflict")).isEqualTo(5);
    assertThat(names()).containsExactly("a/b", "c6", "foo.bar", "request_count", "x--y");
    assertThat(f.sum("request_count", attrs(labels))).isEqualTo(1.0);
    assertThat(f.gauge("a/b", attrs("k", "v"))).isEqualTo(1.0);
  }

  @Test
  void definitionsThatCollideGiveAHandleThatDropsEachMeasurement() {
    metrics.incrementCounter("jobs", "k", "v");
    Counter second = metrics.counter(MetricDefinition.counter("jobs.total").build());
    second.increment();
    second.increment();
    assertThat(f.dropped("name_conflict")).isEqualTo(2);
    assertThat(names()).containsExactly("jobs");
  }

  @Test
  void namesThatShadowAHistogramsSamplesAreRefused() {
    metrics.recordHistogram("request_duration", 0.2, "endpoint", "/q", "method", "GET");
    metrics.setGauge("request_duration_seconds_count", 5);
    metrics.setGauge("request_duration_seconds_sum", 5);
    metrics.incrementCounter("request_duration_seconds_bucket");
    metrics.setGauge("request_duration_seconds", 1);
    assertThat(f.dropped("name_conflict")).isEqualTo(4);
    assertThat(names()).containsExactly("request_duration");
  }

  @Test
  void aHistogramWhoseSamplesAGaugeWritesAlreadyIsRefused() {
    metrics.setGauge("latency_count", 5);
    metrics.recordHistogram("latency", 0.2);
    assertThat(f.dropped("name_conflict")).isEqualTo(1);
    assertThat(names()).containsExactly("latency_count");
  }

  @Test
  void namesThatShadowACountersTotalAreRefused() {
    metrics.incrementCounter("hits");
    metrics.setGauge("hits_total", 3);
    metrics.setGauge("hits.created", 3);
    assertThat(f.dropped("name_conflict")).isEqualTo(2);
  }

  @Test
  void targetInfoAndPillarsOwnSelfMetricsCannotBeForged() {
    metrics.setGauge("target", 1);
    metrics.setGauge("target_info", 1);
    metrics.setGauge("target.info", 1);
    metrics.incrementCounter("pillars_metrics_dropped_total", 5, "reason", "invalid_name");
    metrics.incrementCounter("pillars.metrics.dropped", 5, "reason", "invalid_name");
    metrics.setGauge("pillars_metrics_overflow", 1);
    assertThat(f.dropped("name_conflict")).isEqualTo(6);
    assertThat(f.dropped("invalid_name")).isZero();
    assertThat(names()).isEmpty();
  }

  @Test
  void everyPillarsSelfMetricIsRefusedToTheApplicationButNotToPillars() {
    // Pillars' own modules count theirs on the facade's meter with the kit, as tracing does.
    ReasonCounter.builder("pillars.tracing.misuse", Reason.class, r -> "closed_twice")
        .description("Calls of the tracing API that were repaired or ignored, by reason")
        .ofDoubles()
        .countInto(metrics.meter())
        .build()
        .add(Reason.CLOSED_TWICE, 1);
    metrics.incrementCounter("pillars.tracing.misuse", "reason", "closed_twice");
    metrics.incrementCounter("pillars_tracing_misuse_total", "reason", "closed_twice");
    metrics.incrementCounter("pillars.llm.misuse", "reason", "negative_tokens");
    metrics.incrementCounter("pillars.logging.dropped", "reason", "queue_full");
    metrics
        .counter(
            MetricDefinition.counter("pillars.tracing.misuse")
                .description("Calls of the tracing API that were repaired or ignored, by reason")
                .labelNames("reason")
                .build())
        .labels("closed_twice")
        .increment();
    assertThat(f.dropped("name_conflict")).isEqualTo(5);
    assertThat(f.sum("pillars.tracing.misuse", attrs("reason", "closed_twice"))).isEqualTo(1.0);
  }

  private enum Reason {
    CLOSED_TWICE
  }
}
