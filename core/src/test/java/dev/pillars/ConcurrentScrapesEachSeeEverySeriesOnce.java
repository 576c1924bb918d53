package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The SDK hands the Prometheus reader reusable point objects, refilled at every collection: scrapes
 * running at once, through {@code metricsText()} and over HTTP, must still each see every series
 * once, with its own value.
 */
class ConcurrentScrapesEachSeeEverySeriesOnce {

  private static final int SERIES = 2_000;
  private static final int THREADS = 4;
  private static final int SCRAPES = 15;

  @Test
  void fourThreadsScrapingTogetherEachGetTheWholeConsistentText() throws Exception {
    try (Pillars pillars = TestPillars.builder().cardinalityLimit(1998).build()) {
      Counter[] counters = new Counter[2];
      for (int m = 0; m < counters.length; m++) {
        counters[m] =
            pillars
                .metrics()
                .counter(
                    MetricDefinition.counter("concurrent_scrape_" + m)
                        .description("Series for the concurrent scrape test")
                        .labelNames("series")
                        .build());
      }
      for (int i = 0; i < SERIES; i++) {
        counters[i % counters.length].labels(Integer.toString(i)).increment(i + 1);
      }
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          boolean overHttp = t % 2 == 1;
          Callable<List<String>> scrapes =
              () -> {
                List<String> problems = new ArrayList<>();
                for (int s = 0; s < SCRAPES; s++) {
                  String text = overHttp ? get(pillars) : pillars.metricsText();
                  problems.addAll(problemsIn(text));
                }
                return problems;
              };
          results.add(pool.submit(scrapes));
        }
        for (Future<List<String>> r : results) {
          assertThat(r.get()).isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static String get(Pillars pillars) throws Exception {
    var address = pillars.prometheusAddress().orElseThrow();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/metrics"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** Every series exactly once, each with the value it was given. */
  private static List<String> problemsIn(String text) {
    List<String> problems = new ArrayList<>();
    boolean[] seen = new boolean[SERIES];
    for (Exposition.Sample s : Exposition.samples(text)) {
      if (!s.name().startsWith("concurrent_scrape_")) {
        continue;
      }
      String labels = s.labels();
      int from = labels.indexOf("series=\"") + "series=\"".length();
      int i = Integer.parseInt(labels.substring(from, labels.indexOf('"', from)));
      if (seen[i]) {
        problems.add("series " + i + " twice");
      }
      seen[i] = true;
      if (s.value() != i + 1 || !s.name().equals("concurrent_scrape_" + (i % 2) + "_total")) {
        problems.add("series " + i + " in " + s.name() + " = " + s.value());
      }
    }
    for (int i = 0; i < SERIES; i++) {
      if (!seen[i]) {
        problems.add("series " + i + " missing");
      }
    }
    return problems.size() > 5 ? problems.subList(0, 5) : problems;
  }
}
