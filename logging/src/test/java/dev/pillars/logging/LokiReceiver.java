package dev.pillars.logging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/**
 * Loki's push endpoint ({@code POST /loki/api/v1/push}, JSON body) on 127.0.0.1, inside the test.
 * Every pushed value is decoded strictly and kept in arrival order.
 */
public final class LokiReceiver implements AutoCloseable {

  /** One log line as Loki stores it. */
  public record Entry(Map<String, String> labels, String timestampNanos, String line) {
    public JsonNode json() {
      return StrictJson.parse(line);
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private final List<String> contentTypes = new ArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private volatile long answerDelayMs;
  private final int port;
  private HttpServer server;
  private ExecutorService executor;

  public LokiReceiver() throws IOException {
    this(0);
  }

  private LokiReceiver(int port) throws IOException {
    start(port);
    this.port = server.getAddress().getPort();
  }

  private void start(int bindPort) throws IOException {
    server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), bindPort), 16);
    executor = Executors.newSingleThreadExecutor();
    server.setExecutor(executor);
    server.createContext("/loki/api/v1/push", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + port + "/loki/api/v1/push";
  }

  /** Answers every push with this status from now on (204 = accepted). */
  public void respondWith(int code) {
    status.set(code);
  }

  /** Stores each push, then waits this long before answering (a slow Loki). */
  public void answerAfter(Duration delay) {
    answerDelayMs = delay.toMillis();
  }

  /** Stops listening: pushes now fail with "connection refused". */
  public void goDown() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Listens again on the same port. */
  public void comeBack() throws IOException {
    start(port);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      int code = status.get();
      if (code == 204) {
        accept(exchange.getRequestHeaders().getFirst("Content-Type"), body);
      }
      if (answerDelayMs > 0) {
        try {
          Thread.sleep(answerDelayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      exchange.sendResponseHeaders(code, -1);
    } finally {
      exchange.close();
    }
  }

  private void accept(String contentType, byte[] body) {
    JsonNode push = StrictJson.parse(new String(body, StandardCharsets.UTF_8));
    List<Entry> decoded = new ArrayList<>();
    for (JsonNode stream : push.get("streams")) {
      Map<String, String> labels = new LinkedHashMap<>();
      stream
          .get("stream")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      for (JsonNode value : stream.get("values")) {
        if (value.size() != 2) {
          throw new AssertionError("expected [ts, line] without metadata, got " + value);
        }
        decoded.add(
            new Entry(Map.copyOf(labels), value.get(0).asString(), value.get(1).asString()));
      }
    }
    synchronized (entries) {
      contentTypes.add(contentType);
      entries.addAll(decoded);
    }
  }

  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  public List<String> contentTypes() {
    synchronized (entries) {
      return List.copyOf(contentTypes);
    }
  }

  /** Polls until the condition holds; false after the deadline. */
  public static boolean await(Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
