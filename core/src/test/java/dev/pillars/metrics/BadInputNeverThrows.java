package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BadInputNeverThrows {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void nullBlankAndInvalidNamesAreDroppedAndCounted() {
    assertThatCode(
            () -> {
              metrics.incrementCounter(null);
              metrics.incrementCounter("   ");
              metrics.recordHistogram("9starts_with_digit", 1.0);
              metrics.setGauge("has space", 1.0);
              metrics.startTimer(null).close();
              metrics.trackActive("").close();
              metrics.timed(null).run(() -> {});
            })
        .doesNotThrowAnyException();
    assertThat(f.dropped("invalid_name")).isEqualTo(7);
    assertThat(f.dropped("invalid_labels")).as("issue 9 item 4: no second reason").isZero();
    assertThat(MetricsFixture.names(f.collect())).doesNotContain("has space");
  }

  @Test
  void oddLabelCountsAndNullOrBlankLabelNamesAreDropped() {
    metrics.incrementCounter("request_count", "endpoint", "/query", "method");
    metrics.incrementCounter("request_count", null, "x");
    metrics.incrementCounter("request_count", " ", "x");
    metrics.incrementCounter("request_count", (String[]) null);
    assertThat(f.dropped("invalid_labels")).isEqualTo(4);
    assertThat(MetricsFixture.sumPoints(f.collect(), "request_count")).isEmpty();
  }

  @Test
  void wrongNumberOfBoundLabelValuesGivesAHandleThatDropsAndCounts() {
    BoundCounter bad = metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/only-one");
    assertThatCode(bad::increment).doesNotThrowAnyException();
    // issue 9 item 4: making the bad handle counts nothing, the one dropped increment once
    // (this test used to pin 2, the double count the issue calls wrong).
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    assertThat(MetricsFixture.sumPoints(f.collect(), "request_count")).isEmpty();
  }

  @Test
  void nonFiniteValuesAreDropped() {
    metrics.incrementCounter("cache_hits", Double.NaN, "cache_name", "a", "operation", "get");
    metrics.incrementCounter(
        "cache_hits", Double.POSITIVE_INFINITY, "cache_name", "a", "operation", "get");
    metrics.recordHistogram("request_duration", Double.NaN, "endpoint", "/q", "method", "GET");
    metrics.recordHistogram(
        "request_duration", Double.NEGATIVE_INFINITY, "endpoint", "/q", "method", "GET");
    metrics.setGauge("queue_size", Double.NaN, "queue_name", "q");
    metrics.incrementGauge("queue_size", Double.POSITIVE_INFINITY, "queue_name", "q");
    assertThat(f.dropped("non_finite_value")).isEqualTo(6);
    assertThat(f.gauge("queue_size", attrs("queue_name", "q"))).isEqualTo(0.0);
  }

  @Test
  void negativeCounterIncrementsAndHistogramValuesAreDropped() {
    metrics.incrementCounter("cache_hits", 3, "cache_name", "a", "operation", "get");
    metrics.incrementCounter("cache_hits", -1, "cache_name", "a", "operation", "get");
    metrics.recordHistogram("retrieval_time", -0.5, "operation", "o", "source", "s");
    assertThat(f.sum("cache_hits", attrs("cache_name", "a", "operation", "get"))).isEqualTo(3.0);
    assertThat(f.dropped("negative_increment")).isEqualTo(1);
    assertThat(f.dropped("negative_value")).isEqualTo(1);
  }

  @Test
  void awkwardLabelValuesAreKeptExactly() {
    String[] values = {"quote\"d", "back\\slash", "new\nline", "tab\tand\r", "unicodé ✓ 😀", ""};
    for (String v : values) {
      metrics.incrementCounter("webhook_delivery", "status", v);
    }
    for (String v : values) {
      assertThat(f.sum("webhook_delivery", attrs("status", v))).as(v).isEqualTo(1.0);
    }
    assertThat(f.repaired("invalid_utf16")).isZero();
  }

  @Test
  void nullLabelValuesBecomeEmptyAndAreCounted() {
    metrics.incrementCounter("webhook_delivery", "status", null);
    metrics.counter(StandardMetrics.CACHE_HITS).labels(null, "get").increment();
    assertThat(f.sum("webhook_delivery", attrs("status", ""))).isEqualTo(1.0);
    assertThat(f.sum("cache_hits", attrs("cache_name", "", "operation", "get"))).isEqualTo(1.0);
    assertThat(f.repaired("null_label_value")).isEqualTo(2);
  }

  @Test
  void loneSurrogatesAreReplacedWithoutTouchingNeighbours() {
    metrics.incrementCounter("webhook_delivery", "status", "a\uD800b");
    metrics.incrementCounter("webhook_delivery", "status", "c\uDC00d");
    metrics.incrementCounter("webhook_delivery", "status", "e\uDC00\uD800f");
    metrics.incrementCounter("webhook_delivery", "status", "ok\uD83D\uDE00");
    assertThat(f.sum("webhook_delivery", attrs("status", "a\uFFFDb"))).isEqualTo(1.0);
    assertThat(f.sum("webhook_delivery", attrs("status", "c\uFFFDd"))).isEqualTo(1.0);
    assertThat(f.sum("webhook_delivery", attrs("status", "e\uFFFD\uFFFDf"))).isEqualTo(1.0);
    assertThat(f.sum("webhook_delivery", attrs("status", "ok\uD83D\uDE00"))).isEqualTo(1.0);
    assertThat(f.repaired("invalid_utf16")).isEqualTo(3);
  }

  @Test
  void hugeLabelValuesAreCutToTheLimit() {
    String huge = "x".repeat(64 * 1024);
    metrics.incrementCounter("webhook_delivery", "status", huge);
    metrics.incrementCounter("webhook_delivery", "status", huge);
    assertThat(
            f.sum(
                "webhook_delivery",
                attrs("status", "x".repeat(Metrics.DEFAULT_MAX_LABEL_VALUE_LENGTH))))
        .isEqualTo(2.0);
    assertThat(f.repaired("label_value_too_long")).isEqualTo(2);
  }

  @Test
  void cuttingNeverSplitsASurrogatePair() {
    String value = "y".repeat(Metrics.DEFAULT_MAX_LABEL_VALUE_LENGTH - 1) + "\uD83D\uDE00tail";
    metrics.incrementCounter("webhook_delivery", "status", value);
    assertThat(
            f.sum(
                "webhook_delivery",
                attrs("status", "y".repeat(Metrics.DEFAULT_MAX_LABEL_VALUE_LENGTH - 1))))
        .isEqualTo(1.0);
    assertThat(f.repaired("invalid_utf16")).isZero();
  }

  @Test
  void aNameUsedByAnotherTypeIsReportedNotCrashedOn() {
    metrics.incrementCounter("jobs", "queue", "a");
    assertThatCode(
            () -> {
              metrics.setGauge("jobs", 3, "queue", "a");
              metrics.recordHistogram("jobs", 3, "queue", "a");
              metrics.gauge(MetricDefinition.gauge("jobs").build()).set(1);
            })
        .doesNotThrowAnyException();
    // issue 9 item 4: three measurements dropped, three counted; making the refused gauge handle
    // (metrics.gauge(..)) no longer counts a fourth.
    assertThat(f.dropped("type_conflict")).isEqualTo(3);
    assertThat(f.sum("jobs", attrs("queue", "a"))).isEqualTo(1.0);
  }

  @Test
  void callsAfterCloseAreDroppedAndCounted() {
    BoundCounter bound = metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/q", "GET", "200");
    bound.increment();
    metrics.close();
    assertThatCode(
            () -> {
              bound.increment();
              metrics.incrementCounter(
                  "request_count", "endpoint", "/q", "method", "GET", "status", "200");
              metrics.setGauge("queue_size", 1, "queue_name", "q");
              metrics.recordHistogram("request_duration", 1, "endpoint", "/q", "method", "GET");
            })
        .doesNotThrowAnyException();
    assertThat(f.dropped("after_close")).isEqualTo(4);
    assertThat(f.sum("request_count", attrs("endpoint", "/q", "method", "GET", "status", "200")))
        .isEqualTo(1.0);
  }

  @Test
  void invalidDefinitionsFailFastWithTheFix() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MetricDefinition.histogram("x").buckets(1, 0.5).build())
        .hasMessageContaining("strictly ascending");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MetricDefinition.counter("1x").build())
        .hasMessageContaining("starting with a letter");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> MetricDefinition.counter("x").cardinalityLimit(5000).build())
        .hasMessageContaining("cardinalityLimit");
  }

  @Test
  void selfMetricsCarryOnlyTheReason() {
    metrics.incrementCounter(null);
    assertThat(
            f.selfCount(
                "pillars.metrics.dropped",
                Attributes.builder().put("reason", "invalid_name").build()))
        .isEqualTo(1);
  }
}
