package dev.pillars;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's binary) on a free loopback port, scraping one target every
 * second, with exemplar storage on. Closing it kills the process and deletes its data.
 */
public final class PrometheusProcess implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts Prometheus scraping {@code target} ({@code host:port}) at {@code /metrics}, with the
   * given rule files; waits until it is ready.
   */
  public static PrometheusProcess start(String target, Path... ruleFiles) throws Exception {
    Path binary = ExternalBinary.require("prometheus");
    Path dir = Files.createTempDirectory("pillars-prometheus");
    StringBuilder rules = new StringBuilder();
    for (Path r : ruleFiles) {
      rules
          .append(rules.length() == 0 ? "rule_files:\n" : "")
          .append("  - ")
          .append(r.toAbsolutePath())
          .append('\n');
    }
    String config =
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            + rules
            + "scrape_configs:\n  - job_name: pillars\n    static_configs:\n      - targets: ['"
            + target
            + "']\n";
    Path cfg = dir.resolve("prometheus.yml");
    Files.writeString(cfg, config);
    int port = freePort();
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + cfg,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=exemplar-storage")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusProcess prometheus = new PrometheusProcess(p, dir, port);
    prometheus.awaitReady();
    return prometheus;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited: " + log());
      }
      try {
        if (get("/-/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("prometheus not ready in 20 s: " + log());
  }

  /** Its log, for failure messages. */
  public String log() throws IOException {
    Path log = dir.resolve("prometheus.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** GETs a path of the HTTP API. */
  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs an instant PromQL query and returns the JSON response body. */
  public String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
  }

  /**
   * Polls {@code promql} until {@code done} accepts the response body, at most {@code timeout};
   * returns the last body either way.
   */
  public String awaitQuery(String promql, Predicate<String> done, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String body = query(promql);
    while (!done.test(body) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      body = query(promql);
    }
    return body;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
