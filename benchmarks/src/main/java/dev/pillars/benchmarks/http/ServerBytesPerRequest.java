package dev.pillars.benchmarks.http;

import com.sun.management.ThreadMXBean;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import dev.pillars.tracing.http.HttpServerTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Bytes allocated per request by a real JDK {@code HttpServer} on loopback (its dispatcher and its
 * one worker thread, the client's threads not counted), bare and behind Pillars' JDK filter, over
 * the SDK of {@link HttpFilterBenchmark}. The in-memory exchange of that benchmark holds plain
 * {@code Headers} and one remote address; the JDK's own exchange wraps its request headers (every
 * walk over them allocates) and makes a new remote address on every call, which this counts.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.pillars.benchmarks.http.ServerBytesPerRequest
 * }</pre>
 */
public final class ServerBytesPerRequest {

  private static final int REQUESTS = 20_000;
  private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

  private ServerBytesPerRequest() {}

  /** Prints bare, filtered, bare, filtered: bytes per request after as many warm-up requests. */
  public static void main(String[] args) throws IOException, InterruptedException {
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    try (OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(InMemoryMetricReader.create())
                    .build())
            .build()) {
      for (String mode : new String[] {"bare", "filtered", "bare", "filtered"}) {
        System.out.printf("%-9s %7.0f B/request%n", mode, bytesPerRequest(sdk, mode));
      }
    }
  }

  private static double bytesPerRequest(OpenTelemetrySdk sdk, String mode)
      throws IOException, InterruptedException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "server-worker"));
    server.setExecutor(worker);
    HttpContext context =
        server.createContext(
            "/hello",
            exchange -> {
              exchange.sendResponseHeaders(200, BODY.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
              }
            });
    if (mode.equals("filtered")) {
      context.getFilters().add(HttpServerTracing.builder(sdk).route("/hello").build().jdkFilter());
    }
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hello"))
              .header("User-Agent", "wrk")
              .build();
      for (int i = 0; i < REQUESTS; i++) {
        client.send(request, HttpResponse.BodyHandlers.discarding());
      }
      long before = serverThreadBytes();
      for (int i = 0; i < REQUESTS; i++) {
        client.send(request, HttpResponse.BodyHandlers.discarding());
      }
      return (serverThreadBytes() - before) / (double) REQUESTS;
    } finally {
      server.stop(0);
      worker.shutdown();
    }
  }

  private static long serverThreadBytes() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("server-worker") || t.getName().startsWith("HTTP-Dispatcher")) {
        sum += threads.getThreadAllocatedBytes(t.getId());
      }
    }
    return sum;
  }
}
