package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.ExternalBinary;
import dev.pillars.Pillars;
import dev.pillars.PrometheusProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's 2.42, exemplar storage on) scrapes our {@code /metrics}; the trace
 * ids of the exemplars it stores are trace ids our OTLP export delivered. Skipped when the binary
 * is absent, except under {@code CI=true}, where that is a failure.
 */
class ExemplarsReachARealPrometheus {

  @Test
  void queryExemplarsReturnsTraceIdsOfExportedSpans() throws Exception {
    ExternalBinary.require("prometheus");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Set<String> exemplarTraces;
      try (Pillars pillars =
              Pillars.builder()
                  .serviceName("exemplar-test")
                  .registerGlobal(false)
                  .runtimeMetrics(false)
                  .shutdownHook(false)
                  .prometheusPort(0)
                  .metricsExporters("prometheus")
                  .otlpEndpoint(receiver.endpoint())
                  .otlpProtocol("http/protobuf")
                  .build();
          PrometheusProcess prometheus =
              PrometheusProcess.start(
                  "127.0.0.1:" + pillars.prometheusAddress().orElseThrow().getPort())) {
        Stage retrieve = PipelineTracing.create(pillars).pipeline("rag").stage("retrieve");
        String query =
            "/api/v1/query_exemplars?query="
                + URLEncoder.encode(
                    "pipeline_stage_duration_seconds_bucket{stage=\"retrieve\"}",
                    StandardCharsets.UTF_8);
        Set<String> found = new HashSet<>();
        Eventually.await(
            Duration.ofSeconds(30),
            "exemplars stored by prometheus",
            () -> {
              retrieve.run(() -> {});
              long now = System.currentTimeMillis() / 1000;
              try {
                found.addAll(
                    traceIds(
                        prometheus
                            .get(query + "&start=" + (now - 300) + "&end=" + (now + 60))
                            .body()));
              } catch (java.io.IOException | InterruptedException notYet) {
                return false;
              }
              return !found.isEmpty();
            });
        exemplarTraces = found;
      } // flushes the spans to the receiver

      Set<String> exported =
          receiver.spans().stream()
              .map(s -> hex(s.getTraceId().toByteArray()))
              .collect(Collectors.toSet());
      assertThat(exemplarTraces).isNotEmpty();
      assertThat(exported).containsAll(exemplarTraces);
    }
  }

  private static Set<String> traceIds(String json) {
    Set<String> ids = new HashSet<>();
    Matcher m = Pattern.compile("\"trace_id\":\"([0-9a-f]{32})\"").matcher(json);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
