package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: a call by name finds its metric through a small cache of slots (one per name hash, set
 * once) before the map. Whatever the cache holds, a call records into the metric of its own name,
 * of its own type, with the label rules of that metric, and drops after close.
 */
class CallsByNameAlwaysFindTheirOwnMetric {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  /** Three valid metric names that share one slot of the cache. */
  private static List<String> namesOfOneSlot() {
    List<String> names = new ArrayList<>();
    int slot = MetricRegistry.slot("jobs_0");
    for (int i = 0; names.size() < 3; i++) {
      String name = "jobs_" + i;
      if (MetricRegistry.slot(name) == slot) {
        names.add(name);
      }
    }
    return names;
  }

  @Test
  void namesSharingASlotEachRecordIntoTheirOwnMetric() {
    List<String> names = namesOfOneSlot();
    for (int round = 0; round < 3; round++) {
      metrics.incrementCounter(names.get(0), "queue", "a");
      metrics.incrementCounter(names.get(1), 2.0, "queue", "a");
      metrics.recordHistogram(names.get(2), 0.5, "queue", "a");
    }
    assertThat(f.sum(names.get(0), attrs("queue", "a"))).isEqualTo(3.0);
    assertThat(f.sum(names.get(1), attrs("queue", "a"))).isEqualTo(6.0);
    assertThat(f.histogram(names.get(2), attrs("queue", "a")))
        .hasValueSatisfying(p -> assertThat(p.getCount()).isEqualTo(3));
    assertThat(f.dropped("type_conflict")).isZero();
  }

  @Test
  void anEqualNameInAnotherStringFindsTheSameMetric() {
    metrics.incrementCounter(new String("jobs_done"), "queue", "a");
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.incrementCounter(new String("jobs_done"), "queue", "a");
    assertThat(f.sum("jobs_done", attrs("queue", "a"))).isEqualTo(3.0);
    assertThat(MetricsFixture.names(f.collect()).split(",")).containsOnlyOnce("jobs_done");
  }

  @Test
  void aNameOfAnotherTypeIsRefusedOnEveryCallOnceCached() {
    metrics.recordHistogram("job_latency", 0.5, "queue", "a");
    metrics.recordHistogram("job_latency", 0.5, "queue", "a");
    metrics.incrementCounter("job_latency", "queue", "a");
    metrics.incrementCounter("job_latency", "queue", "a");
    metrics.setGauge("job_latency", 1, "queue", "a");
    assertThat(f.dropped("type_conflict")).isEqualTo(3);
    assertThat(f.histogram("job_latency", attrs("queue", "a")))
        .hasValueSatisfying(p -> assertThat(p.getCount()).isEqualTo(2));
  }

  @Test
  void otherLabelNamesOnACachedMetricAreStillRefused() {
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.incrementCounter("jobs_done", "worker", "a");
    metrics.incrementCounter("jobs_done", "queue", "a", "worker", "w1");
    metrics.incrementCounter("jobs_done", "queue", "a");
    assertThat(f.dropped("invalid_labels")).isEqualTo(2);
    assertThat(f.sum("jobs_done", attrs("queue", "a"))).isEqualTo(2.0);
  }

  @Test
  void aCachedMetricDropsAfterClose() {
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.close();
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.incrementCounter("jobs_done", "queue", "a", "worker", "w1");
    assertThat(f.dropped("after_close")).isEqualTo(1);
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    assertThat(f.sum("jobs_done", attrs("queue", "a"))).isEqualTo(2.0);
  }
}
