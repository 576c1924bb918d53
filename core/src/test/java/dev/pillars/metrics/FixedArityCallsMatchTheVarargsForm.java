package dev.pillars.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the calls by name with one, two or three label pairs as separate arguments (no varargs
 * array) behave exactly as the varargs form in every case, good or bad: the same series, the same
 * values, the same self-metrics.
 */
class FixedArityCallsMatchTheVarargsForm {

  private static final String LONG = "x".repeat(Metrics.DEFAULT_MAX_LABEL_VALUE_LENGTH + 10);

  /** Label arguments of one to three pairs, good and bad, for a few kinds of metric name. */
  private static List<String[]> cases() {
    List<String[]> c = new ArrayList<>();
    // a catalog metric (request_count: endpoint, method, status), in and out of order
    c.add(new String[] {"endpoint", "/q", "method", "GET", "status", "200"});
    c.add(new String[] {"status", "200", "endpoint", "/q", "method", "GET"});
    c.add(new String[] {"endpoint", "/q", "method", "GET"});
    c.add(new String[] {"endpoint", "/q"});
    c.add(new String[] {"endpoint", null, "method", "GET", "status", "200"});
    c.add(new String[] {null, "/q", "method", "GET", "status", "200"});
    c.add(new String[] {"endpoint", "/q", "endpoint", "/r", "status", "200"});
    c.add(new String[] {"endpoint", "/q", "method", "GET", "user_id", "alice"});
    c.add(new String[] {"endpoint", LONG, "method", "GET", "status", "200"});
    c.add(new String[] {"endpoint", "/q\uD800", "method", "GET", "status", "200"});
    c.add(new String[] {"endpoint", "/q", "method", "\uDC00", "status", "500"});
    for (int i = 0; i < 6; i++) {
      c.add(new String[] {"endpoint", "/p" + i, "method", "GET", "status", "200"});
    }
    // bare metrics, fixed by their first use
    c.add(new String[] {"queue", "a"});
    c.add(new String[] {"queue", null});
    c.add(new String[] {null, "a"});
    c.add(new String[] {"queue", "a", "worker", "w1"});
    c.add(new String[] {"worker", "w1", "queue", "a"});
    c.add(new String[] {"queue", "a", "queue", "b"});
    c.add(new String[] {"9lives", "a"});
    c.add(new String[] {"__name__", "a", "queue", "b"});
    c.add(new String[] {"queue", LONG});
    c.add(new String[] {"queue", "\uD800"});
    return c;
  }

  private static final String[] NAMES = {
    "request_count", "jobs_done", "jobs_failed", "request_duration", "queue_size", "bad name", null
  };

  private interface Call {
    void run(Metrics metrics, String name, String[] labels);
  }

  private static void both(Call varargs, Call fixedArity) {
    both(varargs, fixedArity, snapshot -> snapshot);
  }

  /** As {@link #both(Call, Call)}, comparing the snapshots as {@code normalize} leaves them. */
  private static void both(Call varargs, Call fixedArity, UnaryOperator<String> normalize) {
    try (MetricsFixture a = new MetricsFixture(4);
        MetricsFixture b = new MetricsFixture(4)) {
      for (int round = 0; round < 2; round++) { // the second round hits what the first cached
        for (String name : NAMES) {
          for (String[] labels : cases()) {
            varargs.run(a.metrics, name, labels);
            fixedArity.run(b.metrics, name, labels);
          }
        }
      }
      String expected = normalize.apply(a.snapshot());
      assertThat(expected)
          .contains("pillars.metrics.dropped{reason=\"invalid_labels\"}")
          .contains("pillars.metrics.repaired{reason=\"null_label_value\"}")
          .contains("pillars.metrics.repaired{reason=\"label_value_too_long\"}")
          .contains("pillars.metrics.repaired{reason=\"invalid_utf16\"}")
          .contains("pillars.metrics.overflow{metric=");
      assertThat(normalize.apply(b.snapshot())).isEqualTo(expected);
    }
  }

  @Test
  void incrementCounter() {
    both(
        (m, name, l) -> m.incrementCounter(name, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.incrementCounter(name, l[0], l[1]);
            case 4 -> m.incrementCounter(name, l[0], l[1], l[2], l[3]);
            default -> m.incrementCounter(name, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void incrementCounterByAnAmount() {
    both(
        (m, name, l) -> m.incrementCounter(name, 2.5, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.incrementCounter(name, 2.5, l[0], l[1]);
            case 4 -> m.incrementCounter(name, 2.5, l[0], l[1], l[2], l[3]);
            default -> m.incrementCounter(name, 2.5, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void recordHistogram() {
    both(
        (m, name, l) -> m.recordHistogram(name, 0.3, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.recordHistogram(name, 0.3, l[0], l[1]);
            case 4 -> m.recordHistogram(name, 0.3, l[0], l[1], l[2], l[3]);
            default -> m.recordHistogram(name, 0.3, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void setGauge() {
    both(
        (m, name, l) -> m.setGauge(name, 7, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.setGauge(name, 7, l[0], l[1]);
            case 4 -> m.setGauge(name, 7, l[0], l[1], l[2], l[3]);
            default -> m.setGauge(name, 7, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void incrementGauge() {
    both(
        (m, name, l) -> m.incrementGauge(name, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.incrementGauge(name, l[0], l[1]);
            case 4 -> m.incrementGauge(name, l[0], l[1], l[2], l[3]);
            default -> m.incrementGauge(name, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void incrementGaugeByAnAmount() {
    both(
        (m, name, l) -> m.incrementGauge(name, 2.5, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.incrementGauge(name, 2.5, l[0], l[1]);
            case 4 -> m.incrementGauge(name, 2.5, l[0], l[1], l[2], l[3]);
            default -> m.incrementGauge(name, 2.5, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void decrementGauge() {
    both(
        (m, name, l) -> m.decrementGauge(name, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.decrementGauge(name, l[0], l[1]);
            case 4 -> m.decrementGauge(name, l[0], l[1], l[2], l[3]);
            default -> m.decrementGauge(name, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void decrementGaugeByAnAmount() {
    both(
        (m, name, l) -> m.decrementGauge(name, 2.5, l),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.decrementGauge(name, 2.5, l[0], l[1]);
            case 4 -> m.decrementGauge(name, 2.5, l[0], l[1], l[2], l[3]);
            default -> m.decrementGauge(name, 2.5, l[0], l[1], l[2], l[3], l[4], l[5]);
          }
        });
  }

  @Test
  void trackActive() {
    both(
        (m, name, l) -> m.trackActive(name, l).close(),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.trackActive(name, l[0], l[1]).close();
            case 4 -> m.trackActive(name, l[0], l[1], l[2], l[3]).close();
            default -> m.trackActive(name, l[0], l[1], l[2], l[3], l[4], l[5]).close();
          }
        });
  }

  /** The blocks' durations differ from run to run: their sums and buckets are not compared. */
  @Test
  void startTimer() {
    both(
        (m, name, l) -> m.startTimer(name, l).close(),
        (m, name, l) -> {
          switch (l.length) {
            case 2 -> m.startTimer(name, l[0], l[1]).close();
            case 4 -> m.startTimer(name, l[0], l[1], l[2], l[3]).close();
            default -> m.startTimer(name, l[0], l[1], l[2], l[3], l[4], l[5]).close();
          }
        },
        snapshot -> snapshot.replaceAll(" sum=\\S+ \\[[^\\]]*\\]", " sum=* [*]"));
  }
}
