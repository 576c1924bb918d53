package dev.pillars.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.data.MetricData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 4: each dropped measurement is counted once, under its true reason. Making a handle
 * from bad input counts nothing (it is warned about); each measurement recorded through it counts
 * once.
 */
class EachDroppedMeasurementCountsOnce {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  private long droppedTotal() {
    return f.collect().stream()
        .filter(m -> m.getName().equals("pillars.metrics.dropped"))
        .map(MetricData::getLongSumData)
        .flatMap(d -> d.getPoints().stream())
        .mapToLong(p -> p.getValue())
        .sum();
  }

  @Test
  void aBadBoundHandleCountsOnlyItsMeasurements() {
    BoundCounter bad = metrics.counter(StandardMetrics.REQUEST_COUNT).labels("only-one");
    assertThat(droppedTotal()).isZero();
    bad.increment();
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    bad.increment();
    assertThat(droppedTotal()).isEqualTo(2);
  }

  @Test
  void timedAndTrackDurationWithBadLabelsCountOncePerTiming() {
    Timed timed = metrics.timed("request_duration", "endpoint", "/q");
    assertThat(droppedTotal()).isZero();
    timed.run(() -> {});
    metrics.startTimer("request_duration", "endpoint", "/q").close();
    assertThat(f.dropped("invalid_labels")).isEqualTo(2);
    assertThat(droppedTotal()).isEqualTo(2);
  }

  @Test
  void trackActiveWithBadLabelsCountsOncePerBlock() {
    metrics.trackActive("active_requests", "endpoint", "/q", "extra", "x").close();
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    assertThat(droppedTotal()).isEqualTo(1);
  }

  @Test
  void anInvalidNameCountsOnlyAsAnInvalidName() {
    metrics.startTimer("9bad", "k", "v").close();
    metrics.trackActive(null, "k", "v").close();
    metrics.timed("has space").run(() -> {});
    assertThat(f.dropped("invalid_name")).isEqualTo(3);
    assertThat(droppedTotal()).isEqualTo(3);
  }

  @Test
  void aTypeConflictCountsOnlyAsATypeConflictAndOnlyWhenRecorded() {
    metrics.setGauge("jobs", 1, "queue", "a");
    Counter refused = metrics.counter(MetricDefinition.counter("jobs").build());
    metrics.startTimer("jobs", "queue", "a").close();
    assertThat(f.dropped("type_conflict")).isEqualTo(1);
    refused.increment();
    assertThat(f.dropped("type_conflict")).isEqualTo(2);
    assertThat(droppedTotal()).isEqualTo(2);
  }

  @Test
  void aDifferentDefinitionOfTheSameNameDropsNothingAndCountsNothing() {
    metrics.counter(MetricDefinition.counter("jobs").description("one").build()).increment();
    metrics.counter(MetricDefinition.counter("jobs").description("two").build()).increment();
    assertThat(droppedTotal()).isZero();
    assertThat(f.sum("jobs", io.opentelemetry.api.common.Attributes.empty())).isEqualTo(2.0);
  }
}
