package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a seeded, reproducible run of 12,000 facade calls mixing good and bad names, labels and
 * values. Every bad call is built to be exactly one dropped measurement under a known reason, so
 * the test knows what {@code pillars_metrics_dropped_total} must say. Afterwards: nothing escaped,
 * the exposition parses (promtool finds no parse error), the metrics recorded before the run are
 * all there and unchanged, and the drop counts are exactly the test's own. Re-run a failure with
 * {@code -Dpillars.fuzz.seed=<seed>}.
 */
class FacadeSurvivesRandomCalls {

  private static final int CALLS = 12_000;
  private static final int NAME_LIMIT = 60;

  private static final MetricDefinition RUN_COUNTER =
      MetricDefinition.counter("run.defined")
          .description("A defined counter of the run")
          .labelNames("shard", "outcome")
          .build();

  private static final List<String> BASELINE_FAMILIES =
      List.of(
          "request_count_total",
          "request_duration_seconds_bucket",
          "request_duration_seconds_count",
          "request_duration_seconds_sum",
          "cache_size_bytes",
          "baseline_jobs_total",
          "baseline_latency_seconds_bucket",
          "baseline_latency_seconds_count",
          "baseline_latency_seconds_sum");

  private static final String[] INVALID_NAMES = {
    null, "", " ", "9lives", "has space", "ü", "a" + "b".repeat(300), "x\ny", "semi;colon"
  };

  /** Second spellings and shadows of names that exist when the run starts. */
  private static final String[] CONFLICTING_NAMES = {
    "request.count",
    "request_count_total",
    "baseline.jobs",
    "baseline-jobs",
    "run.counter",
    "run/counter",
    "request_duration_seconds_count",
    "request_duration_seconds_bucket",
    "baseline_latency_seconds",
    "target",
    "target_info",
    "pillars_metrics_dropped_total",
    "pillars.metrics.repaired",
    "run_gauge_info",
    "run_defined_total",
    "cache_size_bytes"
  };

  private final Map<String, Long> expectedDrops = new TreeMap<>();
  private final Map<String, Double> runCounterSums = new HashMap<>();
  private final Set<String> created = new HashSet<>();
  private int fresh;

  @Test
  void twelveThousandMixedCallsLeaveAnExactTrustworthyScrape() throws Exception {
    long seed = Long.getLong("pillars.fuzz.seed", 0x5EED_9_2026L);
    Random random = new Random(seed);
    try (Pillars pillars = TestPillars.builder().metricNameLimit(NAME_LIMIT).build()) {
      Metrics m = pillars.metrics();
      recordBaseline(m);
      Map<String, Double> baseline = baselineSamples(pillars.metricsText());
      assertThat(baseline).hasSizeGreaterThan(20);
      warmUpRunPool(m);

      for (int i = 0; i < CALLS; i++) {
        int kind = random.nextInt(20);
        try {
          call(m, random, kind);
        } catch (Throwable t) {
          throw new AssertionError("seed " + seed + ", call " + i + ", kind " + kind + " threw", t);
        }
      }

      String text = pillars.metricsText();
      assertThat(pillars.openMetricsText()).endsWith("# EOF\n");
      Promtool.Result lint = Promtool.checkMetricsResult(text);
      assertThat(lint.output()).as("seed " + seed).doesNotContain("error while linting");
      assertThat(lint.exitCode()).as("seed " + seed + ": " + lint.output()).isNotEqualTo(1);
      assertThat(baselineSamples(text)).as("seed " + seed).isEqualTo(baseline);
      assertThat(droppedByReason(text)).as("seed " + seed).isEqualTo(expectedDrops);
      assertThat(Exposition.sum(text, "pillars_metrics_dropped_total"))
          .isEqualTo(expectedDrops.values().stream().mapToLong(Long::longValue).sum());
      for (Map.Entry<String, Double> e : runCounterSums.entrySet()) {
        assertThat(Exposition.sum(text, "run_counter_total", "queue=\"" + e.getKey() + "\""))
            .as("seed " + seed + ", run_counter queue=" + e.getKey())
            .isEqualTo(e.getValue());
      }
      assertThat(httpStatus(pillars)).isEqualTo(200);
    }
  }

  private void recordBaseline(Metrics m) {
    m.incrementCounter("request_count", 3, "endpoint", "/q", "method", "GET", "status", "200");
    m.incrementCounter("request_count", 1, "endpoint", "/q", "method", "GET", "status", "500");
    m.recordHistogram("request_duration", 0.2, "endpoint", "/q", "method", "GET");
    m.recordHistogram("request_duration", 3.0, "endpoint", "/q", "method", "POST");
    m.setGauge("cache_size", 4096, "cache_name", "embeddings");
    m.incrementCounter("baseline_jobs", 7, "queue", "ingest");
    m.histogram(
            MetricDefinition.histogram("baseline_latency")
                .description("Baseline latency")
                .unit("s")
                .buckets(0.1, 1.0)
                .labelNames("op")
                .build())
        .labels("read")
        .record(0.5);
    created.addAll(
        List.of(
            "request_count",
            "request_duration",
            "cache_size",
            "baseline_jobs",
            "baseline_latency"));
  }

  private void warmUpRunPool(Metrics m) {
    m.incrementCounter("run_counter", 0, "queue", "a");
    m.setGauge("run_gauge", 0, "host", "h1");
    m.recordHistogram("run_histogram", 0, "op", "o1");
    m.counter(RUN_COUNTER).labels("s0", "ok").increment(0);
    m.incrementCounter("cache_hits", 0, "cache_name", "c", "operation", "get");
    created.addAll(
        List.of("run_counter", "run_gauge", "run_histogram", "run.defined", "cache_hits"));
    runCounterSums.put("a", 0.0);
  }

  private void call(Metrics m, Random r, int kind) {
    switch (kind) {
      case 0, 1, 2, 3 -> goodCounter(m, r);
      case 4 -> m.setGauge("run_gauge", r.nextInt(1000) - 500, "host", pick(r, "h1", "h2", null));
      case 5 -> m.recordHistogram("run_histogram", r.nextDouble() * 10, "op", pick(r, "o1", "o2"));
      case 6 ->
          m.counter(RUN_COUNTER)
              .labels(pick(r, "s0", "s1"), pick(r, "ok", "failed"))
              .increment(r.nextInt(3));
      case 7 -> {
        try (var t = m.startTimer("run_histogram", "op", "o\uD800")) {
          // a repaired label value is still a good measurement
        }
      }
      case 8 -> badName(m, r);
      case 9 -> conflictingName(m, r);
      case 10 -> typeConflict(m, r);
      case 11, 12 -> badLabels(m, r);
      case 13 -> nonFinite(m, r);
      case 14 -> negative(m, r);
      case 15 -> freshName(m, r);
      case 16 -> {
        BoundCounter bad = m.counter(RUN_COUNTER).labels("only-one");
        bad.increment();
        drop("invalid_labels");
      }
      case 17 -> {
        m.trackActive("run_gauge", "host", "h1", "extra", "x").close();
        drop("invalid_labels");
      }
      case 18 -> {
        m.timed("run_histogram", "wrong", "key").run(() -> {});
        drop("invalid_labels");
      }
      default -> {
        Counter refused = m.counter(MetricDefinition.counter("run_gauge").build());
        refused.increment();
        drop("type_conflict");
      }
    }
  }

  private void goodCounter(Metrics m, Random r) {
    String queue = pick(r, "a", "b", "c", null, "x\uDC00");
    int amount = r.nextInt(5);
    m.incrementCounter("run_counter", amount, "queue", queue);
    String written = queue == null ? "" : queue.replace('\uDC00', '\uFFFD');
    runCounterSums.merge(written, (double) amount, Double::sum);
  }

  private void badName(Metrics m, Random r) {
    String name = INVALID_NAMES[r.nextInt(INVALID_NAMES.length)];
    anyOperation(m, r, name, "k", "v");
    drop("invalid_name");
  }

  private void conflictingName(Metrics m, Random r) {
    String name = CONFLICTING_NAMES[r.nextInt(CONFLICTING_NAMES.length)];
    anyOperation(m, r, name, "k", "v");
    drop("name_conflict");
  }

  private void typeConflict(Metrics m, Random r) {
    switch (r.nextInt(4)) {
      case 0 -> m.setGauge("request_count", 1, "endpoint", "/q", "method", "GET", "status", "200");
      case 1 -> m.incrementCounter("cache_size", "cache_name", "embeddings");
      case 2 -> m.recordHistogram("baseline_jobs", 1, "queue", "ingest");
      default -> m.incrementGauge("run_histogram", "op", "o1");
    }
    drop("type_conflict");
  }

  private void badLabels(Metrics m, Random r) {
    switch (r.nextInt(9)) {
      case 0 -> m.incrementCounter("request_count", "user_id", "alice");
      case 1 -> m.incrementCounter("request_count", "endpoint", "/q", "method", "GET");
      case 2 -> m.incrementCounter("baseline_jobs", "queue");
      case 3 -> m.incrementCounter("baseline_jobs", (String[]) null);
      case 4 -> m.recordHistogram("run_histogram", 1, "le", "0.5");
      case 5 -> m.setGauge("cache_size", 1, "cache_name", "e", "otel_scope_name", "forged");
      case 6 -> m.incrementCounter("run_counter", "queue", "a", "queue", "b");
      case 7 -> m.setGauge("run_gauge", 1, "host", "h1", "ü", "x");
      default -> m.recordHistogram("baseline_latency", 1, "op", "read", "a-b", "1", "a_b", "2");
    }
    drop("invalid_labels");
  }

  private void nonFinite(Metrics m, Random r) {
    double v = pick(r, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    switch (r.nextInt(3)) {
      case 0 -> m.incrementCounter("run_counter", v, "queue", "a");
      case 1 -> m.recordHistogram("run_histogram", v, "op", "o1");
      default -> m.setGauge("run_gauge", v, "host", "h1");
    }
    drop("non_finite_value");
  }

  private void negative(Metrics m, Random r) {
    if (r.nextBoolean()) {
      m.incrementCounter("run_counter", -1 - r.nextInt(5), "queue", "a");
      drop("negative_increment");
    } else {
      m.recordHistogram("run_histogram", -0.5, "op", "o1");
      drop("negative_value");
    }
  }

  private void freshName(Metrics m, Random r) {
    String name = "fresh_" + fresh++;
    m.incrementCounter(name, r.nextInt(3), "k", "v");
    if (created.size() < NAME_LIMIT) {
      created.add(name);
    } else {
      drop("too_many_metrics");
    }
  }

  private static void anyOperation(Metrics m, Random r, String name, String... labels) {
    switch (r.nextInt(6)) {
      case 0 -> m.incrementCounter(name, labels);
      case 1 -> m.recordHistogram(name, 1.0, labels);
      case 2 -> m.setGauge(name, 1.0, labels);
      case 3 -> m.startTimer(name, labels).close();
      case 4 -> m.trackActive(name, labels).close();
      default -> m.timed(name, labels).run(() -> {});
    }
  }

  private void drop(String reason) {
    expectedDrops.merge(reason, 1L, Long::sum);
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  private static double pick(Random r, double a, double b, double c) {
    int i = r.nextInt(3);
    return i == 0 ? a : i == 1 ? b : c;
  }

  private static Map<String, Double> baselineSamples(String text) {
    Map<String, Double> out = new TreeMap<>();
    for (Exposition.Sample s : Exposition.samples(text)) {
      if (BASELINE_FAMILIES.contains(s.name())) {
        out.put(s.name() + "{" + s.labels() + "}", s.value());
      }
    }
    return out;
  }

  private static Map<String, Long> droppedByReason(String text) {
    Map<String, Long> out = new TreeMap<>();
    for (Exposition.Sample s : Exposition.samples(text)) {
      if (s.name().equals("pillars_metrics_dropped_total")) {
        String reason = s.labels().replaceAll(".*reason=\"([^\"]*)\".*", "$1");
        out.merge(reason, (long) s.value(), Long::sum);
      }
    }
    return out;
  }

  private static int httpStatus(Pillars pillars) throws Exception {
    var address = pillars.prometheusAddress().orElseThrow();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
