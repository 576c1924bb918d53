package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PromtoolAcceptsMetricsText {

  @Test
  void checkMetricsReportsNothing() throws Exception {
    Path promtool = ExternalBinary.require("promtool");
    try (Pillars pillars = TestPillars.builder().runtimeMetrics(true).build()) {
      TestPillars.recordFixedSet(pillars);
      LlmMetrics llm = LlmMetrics.create(pillars.metrics(), TokenPriceTable.builder().price("gpt-4o", 2.5, 10).build());
      llm.recordCall(LlmCall.builder("openai", "gpt-4o").inputTokens(100).outputTokens(20).durationNanos(1_000_000).build());
      llm.recordCall(LlmCall.builder("openai", "mystery").inputTokens(1).outputTokens(1).build());
      try (var q = llm.startQuery("rag")) {
        q.relevance(0.8);
        q.cacheLookup("semantic", true);
      }
      llm.rateLimitRemaining("openai", "requests", 99);
      pillars.metrics().incrementCounter("request_count", Double.NaN);
      String text = pillars.metricsText();

      Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
      p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as("promtool output for:\n" + text).isEmpty();
      assertThat(p.exitValue()).isZero();
      assertThat(text).contains("jvm_memory_used_bytes", "llm_cost_usd_total", "rag_query_latency_seconds_bucket");
    }
  }
}
