package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 6: clients that send half a request (the request line and one header, then nothing)
 * must not stall scrapes of the real endpoint, and their request head has a deadline.
 */
class ScrapesAnswerBesideSlowClients {

  private static final byte[] HALF_REQUEST =
      "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  // issue 9 item 6
  @Test
  void aScrapeAnswersWithinOneSecondWhileAHundredHalfRequestsAreOpen() throws Exception {
    try (Pillars pillars = TestPillars.builder().build()) {
      pillars.metrics().setGauge("queue_size", 7, "queue_name", "jobs");
      int port = pillars.prometheusAddress().orElseThrow().getPort();
      // a first scrape loads the client's and the handler's classes, which is not what is timed
      assertThat(scrape(port).statusCode()).isEqualTo(200);
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 100; i++) {
          slow.add(halfRequest(port));
        }
        // each half request now holds a worker of the JDK server, blocked reading its head
        Thread.sleep(300);
        for (int scrape = 0; scrape < 3; scrape++) {
          HttpResponse<String> r = scrape(port);
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body())
              .contains("queue_size{otel_scope_name=\"dev.pillars\",queue_name=\"jobs\"} 7.0");
        }
        for (Socket s : slow) {
          assertThat(s.isClosed()).as("still open on our side").isFalse();
        }
      } finally {
        closeAll(slow);
      }
    }
  }

  // issue 9 item 6: the head read time is bounded
  @Test
  void aClientThatNeverFinishesItsRequestHeadIsDroppedAtTheDeadline() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (PrometheusEndpoint endpoint =
        PrometheusEndpoint.start(
            registry, "127.0.0.1", 0, null, Duration.ofMillis(500), Duration.ofSeconds(60))) {
      int port = endpoint.address("127.0.0.1").getPort();
      try (Socket s = halfRequest(port)) {
        s.setSoTimeout(5_000);
        long start = System.nanoTime();
        InputStream in = s.getInputStream();
        int read;
        try {
          read = in.read();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the server kept the half request open for 5 s", e);
        } catch (IOException reset) {
          read = -1;
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(read).as("the server closes without answering").isEqualTo(-1);
        assertThat(waited).isBetween(Duration.ofMillis(300), Duration.ofSeconds(3));
      }
      // the worker it held is free again: a whole request is answered
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        s.setSoTimeout(2_000);
        OutputStream out = s.getOutputStream();
        out.write(
            "GET /-/healthy HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = s.getInputStream().readNBytes(12);
        assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
      }
    }
  }

  // a neighbour of issue 9 item 6: a client that asks and never reads holds a worker only until
  // the response deadline
  @Test
  void aClientThatNeverReadsItsAnswerIsDroppedAtTheResponseDeadline() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    GaugeSnapshot.Builder big = GaugeSnapshot.builder().name("big");
    String padding = "x".repeat(1000);
    for (int i = 0; i < 16_000; i++) {
      big.dataPoint(
          GaugeDataPointSnapshot.builder()
              .labels(Labels.of("series", padding + i))
              .value(i)
              .build());
    }
    GaugeSnapshot snapshot = big.build();
    registry.register(() -> snapshot);
    try (PrometheusEndpoint endpoint =
        PrometheusEndpoint.start(
            registry, "127.0.0.1", 0, null, Duration.ofSeconds(10), Duration.ofSeconds(1))) {
      int port = endpoint.address("127.0.0.1").getPort();
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(text, registry.scrape());
      long whole = text.size(); // the answer's body: far more than the kernel buffers hold
      assertThat(whole).isGreaterThan(16_000_000L);
      try (Socket s = new Socket()) {
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
        s.getOutputStream()
            .write(
                "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        Thread.sleep(2_500); // reads nothing past the 1 s deadline
        s.setSoTimeout(5_000);
        long got = 0;
        byte[] buffer = new byte[65536];
        try {
          for (int n; (n = s.getInputStream().read(buffer)) >= 0; ) {
            got += n;
          }
        } catch (SocketTimeoutException e) {
          throw new AssertionError("the server still holds the answer open after 7.5 s", e);
        } catch (IOException reset) {
          // dropped: what was in flight is all there is
        }
        assertThat(got).as("bytes before the server gave up").isLessThan(whole);
      }
    }
  }

  // issue 9 item 6: past the workers, a connection is refused alone; the dispatcher keeps accepting
  @Test
  void moreSlowClientsThanWorkersDoNotStopTheServerOnceTheyAreDropped() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    try (PrometheusEndpoint endpoint =
        PrometheusEndpoint.start(
            registry, "127.0.0.1", 0, null, Duration.ofMillis(500), Duration.ofSeconds(60))) {
      int port = endpoint.address("127.0.0.1").getPort();
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < PrometheusEndpoint.MAX_WORKERS + 20; i++) {
          slow.add(halfRequest(port));
        }
        Thread.sleep(1_500);
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/healthy"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
      } finally {
        closeAll(slow);
      }
    }
  }

  private HttpResponse<String> scrape(int port) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(1))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Resets rather than closes: the JDK server takes an orderly close as the end of the head and
   * answers a request nobody reads.
   */
  private static void closeAll(List<Socket> sockets) throws IOException {
    for (Socket s : sockets) {
      s.setSoLinger(true, 0);
      s.close();
    }
  }

  private static Socket halfRequest(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
    OutputStream out = s.getOutputStream();
    out.write(HALF_REQUEST);
    out.flush();
    return s;
  }
}
