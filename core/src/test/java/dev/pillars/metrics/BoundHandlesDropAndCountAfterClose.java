package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: {@code close()} reaches every handle bound before it (each keeps its own closed mark,
 * so the hot path reads one field of its own), and every series made after it; each measurement
 * after close is dropped and counted once as {@code after_close}.
 */
class BoundHandlesDropAndCountAfterClose {

  private final MetricsFixture f = new MetricsFixture(2);
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void everyKindOfBoundHandleDropsAndCountsEachCallAfterClose() {
    Attributes q = attrs("endpoint", "/q", "method", "GET", "status", "200");
    BoundCounter counter =
        metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/q", "GET", "200");
    BoundHistogram histogram =
        metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("search", "docs");
    BoundGauge gauge = metrics.gauge(StandardMetrics.QUEUE_SIZE).labels("ingest");
    counter.increment();
    histogram.record(0.5);
    gauge.set(3);

    metrics.close();
    counter.increment();
    counter.increment(2);
    histogram.record(0.5);
    histogram.record(0.5, Context.root());
    histogram.recordNanos(1_000L);
    histogram.recordNanos(1_000L, null);
    try (TimingScope t = histogram.startTimer()) {
      assertThat(t).isNotNull();
    }
    gauge.set(7);
    gauge.increment();
    gauge.decrement();
    gauge.add(2);

    assertThat(f.dropped("after_close")).isEqualTo(11);
    assertThat(f.sum("request_count", q)).isEqualTo(1.0);
    assertThat(f.histogram("retrieval_time", attrs("operation", "search", "source", "docs")))
        .hasValueSatisfying(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(f.gauge("queue_size", attrs("queue_name", "ingest"))).isEqualTo(3.0);
  }

  @Test
  void badValuesAfterCloseCountAsAfterCloseOnly() {
    BoundCounter counter =
        metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/q", "GET", "200");
    metrics.close();
    counter.increment(-1);
    counter.increment(Double.NaN);
    assertThat(f.dropped("after_close")).isEqualTo(2);
    assertThat(f.dropped("negative_increment")).isZero();
    assertThat(f.dropped("non_finite_value")).isZero();
  }

  @Test
  void seriesMadeAfterCloseAndTheOverflowSeriesDropToo() {
    Counter requests = metrics.counter(StandardMetrics.REQUEST_COUNT);
    requests.labels("/a", "GET", "200").increment();
    requests.labels("/b", "GET", "200").increment();
    BoundCounter overflow = requests.labels("/c", "GET", "200"); // past the limit of 2
    overflow.increment();
    metrics.close();

    overflow.increment();
    requests.labels("/d", "GET", "200").increment(); // overflow again
    requests.labels("/a", "GET", "200").increment();
    metrics.incrementCounter("jobs_done", "queue", "new"); // a metric made after close
    metrics.histogram(StandardMetrics.REQUEST_DURATION).labels("/q", "GET").record(1);
    metrics.setGauge("queue_size", 1, "queue_name", "late");

    assertThat(f.dropped("after_close")).isEqualTo(6);
    assertThat(f.sum("request_count", Attributes.of(SeriesRegistry.OVERFLOW, true))).isEqualTo(1.0);
    assertThat(MetricsFixture.sumPoints(f.collect(), "jobs_done")).isEmpty();
  }

  @Test
  void aHandleMadeFromBadInputKeepsItsOwnReasonAfterClose() {
    BoundCounter bad = metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/q");
    metrics.close();
    bad.increment();
    metrics.counter(StandardMetrics.REQUEST_COUNT).labels("/q").increment();
    assertThat(f.dropped("invalid_labels")).isEqualTo(2);
    assertThat(f.dropped("after_close")).isZero();
  }
}
