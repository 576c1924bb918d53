package dev.pillars.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Prometheus (Debian's binary) on 127.0.0.1 and a free port, storing in a temporary
 * directory, with exemplar storage on. Closing it kills the process.
 */
final class PrometheusProcess implements AutoCloseable {

  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** Starts Prometheus with {@code config} (prometheus.yml text) and waits until it is ready. */
  static PrometheusProcess start(ExternalTool prometheus, String config, Path dir)
      throws IOException, InterruptedException {
    Path cfg = dir.resolve("prometheus.yml");
    Files.writeString(cfg, config);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                prometheus.path().toString(),
                "--config.file=" + cfg,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--enable-feature=exemplar-storage")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prom = new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("prometheus exited: " + prom.log());
      }
      try {
        if (prom.http
                .send(HttpRequest.newBuilder(prom.base.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return prom;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(100);
    }
    prom.close();
    throw new AssertionError("prometheus not ready in 20 s: " + prom.log());
  }

  /** GET {@code path} (with its query string) and the decoded JSON body; asserts HTTP 200. */
  Map<String, Object> get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    Map<String, Object> body = new Yaml().load(r.body());
    assertThat(r.statusCode()).as("%s -> %s", path, r.body()).isEqualTo(200);
    return body;
  }

  /** An instant query's decoded response. */
  Map<String, Object> query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
