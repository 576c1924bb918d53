package dev.pillars.langchain4j;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI- or Anthropic-format server on loopback answering with scripted replies, in order (the
 * last one repeats). It records each request's path and body.
 */
final class ProviderServer implements AutoCloseable {

  /** One scripted answer. */
  interface Reply {
    void answer(HttpExchange exchange) throws IOException;
  }

  /** What the client sent. */
  record Request(String path, String body) {}

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  ProviderServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  ProviderServer then(Reply reply) {
    replies.addLast(reply);
    return this;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(new Request(exchange.getRequestURI().getPath(), body));
    Reply reply = replies.size() > 1 ? replies.pollFirst() : replies.peekFirst();
    try {
      if (reply == null) {
        json(500, "{\"error\":{\"message\":\"no reply scripted\"}}").answer(exchange);
      } else {
        reply.answer(exchange);
      }
    } catch (Dropped d) {
      throw d; // unclosed: the JDK server drops the connection mid-body
    }
    exchange.close();
  }

  /** A JSON body with {@code status} and headers given as name, value pairs. */
  static Reply json(int status, String body, String... headers) {
    return exchange -> {
      for (int i = 0; i < headers.length; i += 2) {
        exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  /**
   * A server-sent-event stream: the headers at once, then {@code delayMillis} (the model thinking)
   * before the first event, each event flushed on its own.
   */
  static Reply sse(long delayMillis, List<String> events, String... headers) {
    return exchange -> {
      for (int i = 0; i < headers.length; i += 2) {
        exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
      }
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.flush();
      pause(delayMillis);
      for (String e : events) {
        out.write((e + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    };
  }

  /** Some events, then the connection is dropped: no terminating chunk, no [DONE]. */
  static Reply sseThenDrop(List<String> events) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      for (String e : events) {
        out.write((e + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      // a handler that throws without closing makes the JDK server drop the connection
      throw new Dropped();
    };
  }

  /** Answers after {@code delayMillis}, for client timeouts. */
  static Reply slow(long delayMillis, Reply then) {
    return exchange -> {
      pause(delayMillis);
      then.answer(exchange);
    };
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis); // the provider's own latency, which the test measures against
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Thrown by a reply to drop its connection. */
  private static final class Dropped extends IOException {
    private static final long serialVersionUID = 1L;

    Dropped() {
      super("dropped by the test server");
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
