package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.ExternalBinary;
import dev.pillars.Pillars;
import dev.pillars.PrometheusProcess;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 6, through a real Prometheus: a stage's error counter is scraped at 0 from its
 * first run, so the first error shows in {@code increase(..[1m])}.
 */
class FirstStageErrorShowsInIncreaseOnARealPrometheus {

  private static final Pattern VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]");

  @Test
  void theFirstFailureOfAStageIsSeenByIncrease() throws Exception {
    ExternalBinary.require("prometheus");
    try (Pillars pillars =
        Pillars.builder()
            .serviceName("stage-errors-test")
            .registerGlobal(false)
            .runtimeMetrics(false)
            .shutdownHook(false)
            .prometheusPort(0)
            .tracesExporters("none")
            .build()) {
      Stage retrieve = PipelineTracing.create(pillars).pipeline("rag").stage("retrieve");
      retrieve.run(() -> {});
      try (PrometheusProcess prometheus =
          PrometheusProcess.start(
              "127.0.0.1:" + pillars.prometheusAddress().orElseThrow().getPort())) {
        String zero =
            prometheus.awaitQuery(
                "pipeline_stage_errors_total{stage=\"retrieve\"}",
                b -> b.contains("\"0\""),
                Duration.ofSeconds(20));
        assertThat(zero).as(prometheus.log()).contains("\"0\"");
        Thread.sleep(1500); // one more scrape at 0
        try {
          retrieve.run(
              () -> {
                throw new IllegalStateException("the vector store is down");
              });
        } catch (IllegalStateException expected) {
          // the stage rethrows it unchanged
        }
        String increase =
            prometheus.awaitQuery(
                "increase(pipeline_stage_errors_total{stage=\"retrieve\"}[1m])",
                b -> value(b) > 0,
                Duration.ofSeconds(20));
        assertThat(value(increase)).as(increase).isGreaterThanOrEqualTo(1.0);
      }
    }
  }

  private static double value(String body) {
    Matcher m = VALUE.matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
