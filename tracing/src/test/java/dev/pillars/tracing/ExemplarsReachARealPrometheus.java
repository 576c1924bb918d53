package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's 2.42, exemplar storage on) scrapes our {@code /metrics}; the trace
 * ids of the exemplars it stores are trace ids our OTLP export delivered. Skipped when the binary
 * is absent, except under {@code CI=true}, where that is a failure.
 */
class ExemplarsReachARealPrometheus {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void queryExemplarsReturnsTraceIdsOfExportedSpans(@TempDir Path tmp) throws Exception {
    String binary = findPrometheus();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Set<String> exemplarTraces;
      try (Pillars pillars = Pillars.builder()
          .serviceName("exemplar-test")
          .registerGlobal(false)
          .runtimeMetrics(false)
          .shutdownHook(false)
          .prometheusPort(0)
          .metricsExporters("prometheus")
          .otlpEndpoint(receiver.endpoint())
          .otlpProtocol("http/protobuf")
          .build()) {
        int target = pillars.prometheusAddress().orElseThrow().getPort();
        int web = OtlpReceiver.deadPort();
        Path config = tmp.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n",
            "global:",
            "  scrape_interval: 1s",
            "scrape_configs:",
            "  - job_name: pillars",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + target + "']",
            ""));
        Process prometheus = new ProcessBuilder(binary,
            "--config.file=" + config,
            "--storage.tsdb.path=" + tmp.resolve("data"),
            "--web.listen-address=127.0.0.1:" + web,
            "--enable-feature=exemplar-storage")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("prometheus.log").toFile())
            .start();
        try {
          String base = "http://127.0.0.1:" + web;
          Eventually.await(Duration.ofSeconds(20), "prometheus ready",
              () -> get(base + "/-/ready").contains("Ready"));
          Stage retrieve = PipelineTracing.create(pillars).pipeline("rag").stage("retrieve");
          String query = base + "/api/v1/query_exemplars?query="
              + URLEncoder.encode("pipeline_stage_duration_seconds_bucket{stage=\"retrieve\"}",
                  StandardCharsets.UTF_8);
          Set<String> found = new HashSet<>();
          Eventually.await(Duration.ofSeconds(30), "exemplars stored by prometheus", () -> {
            retrieve.run(() -> {});
            long now = System.currentTimeMillis() / 1000;
            found.addAll(traceIds(get(query + "&start=" + (now - 300) + "&end=" + (now + 60))));
            return !found.isEmpty();
          });
          exemplarTraces = found;
        } finally {
          prometheus.destroy();
          if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
            prometheus.destroyForcibly();
          }
        }
      } // flushes the spans to the receiver

      Set<String> exported = receiver.spans().stream()
          .map(s -> hex(s.getTraceId().toByteArray()))
          .collect(Collectors.toSet());
      assertThat(exemplarTraces).isNotEmpty();
      assertThat(exported).containsAll(exemplarTraces);
    }
  }

  private static String findPrometheus() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      File f = new File(dir, "prometheus");
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    String message = "prometheus binary not found on PATH; install it with"
        + " 'apt-get install -y --no-install-recommends prometheus'";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI=true: this test must run)");
    }
    Assumptions.abort(message);
    return null;
  }

  private String get(String url) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception notYet) {
      return "";
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
