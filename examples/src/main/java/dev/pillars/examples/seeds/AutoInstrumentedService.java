package dev.pillars.examples.seeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pillars.Pillars;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.tracing.Pipeline;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.StageScope;
import dev.pillars.tracing.http.HttpServerTracing;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Seeds/004: a service instrumented without touching its handlers, plus custom LLM metrics and a
 * traced endpoint. pillars-tracing's JDK {@code HttpServer} filter gives every request a SERVER
 * span (continuing an incoming {@code traceparent}) and the HTTP semantic-convention metrics
 * ({@code http_server_request_duration_seconds}, {@code http_server_active_requests}, body sizes),
 * labelled by route template, never by raw path. {@code POST /chat} adds what the framework cannot
 * know: its stages ({@code retrieve}, {@code generate}) and the model call's tokens and cost
 * through {@link LlmMetrics}.
 *
 * <pre>{@code
 * try (Pillars pillars = Pillars.builder().prometheusEndpoint(false).build();
 *     AutoInstrumentedService service = AutoInstrumentedService.start(pillars, "127.0.0.1", 8080)) {
 *   // POST http://127.0.0.1:8080/chat, GET /health, GET /metrics
 * }
 * }</pre>
 */
public final class AutoInstrumentedService implements AutoCloseable {

  /** The model behind {@code /chat}. */
  public static final String MODEL = "gpt-4o";

  private final HttpServer server;

  private AutoInstrumentedService(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts the service on {@code host:port} (port 0 picks a free one).
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static AutoInstrumentedService start(Pillars pillars, String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
    }
    HttpServerTracing http = HttpServerTracing.builder(pillars).route("/chat").build();
    LlmMetrics llm =
        LlmMetrics.create(
            pillars.openTelemetry(),
            pillars.metrics(),
            TokenPriceTable.builder().price(MODEL, 2.50, 10.00).build());
    Pipeline chat = PipelineTracing.create(pillars).pipeline("chat");
    Stage retrieve = chat.stage("retrieve");
    Stage generate = chat.stage("generate");

    server
        .createContext(
            "/chat",
            ex -> {
              if (!"POST".equals(ex.getRequestMethod().toUpperCase(Locale.ROOT))) {
                send(ex, 405, "{\"error\":\"use POST\"}");
                return;
              }
              byte[] body = ex.getRequestBody().readNBytes(4096);
              int docs = retrieve.get(() -> 3);
              long inputTokens = 200 + body.length / 4 + docs * 100L;
              try (StageScope s = generate.open();
                  LlmCall call = llm.call("openai", MODEL).start()) {
                call.recordUsage(inputTokens, 80);
              }
              send(
                  ex,
                  200,
                  "{\"answer\":\"simulated\",\"trace_id\":\""
                      + Span.current().getSpanContext().getTraceId()
                      + "\"}");
            })
        .getFilters()
        .add(http.jdkFilter());
    server
        .createContext("/health", ex -> send(ex, 200, "{\"status\":\"ok\"}"))
        .getFilters()
        .add(http.jdkFilter());
    server.createContext("/metrics", pillars.metricsHandler());
    server.start();
    return new AutoInstrumentedService(server);
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  /** Stops the server. */
  @Override
  public void close() {
    server.stop(0);
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }

  /** Serves on 127.0.0.1:8080 (or the port given as first argument) until stopped. */
  public static void main(String[] args) throws InterruptedException {
    int port = 8080;
    if (args.length > 0) {
      try {
        port = Integer.parseInt(args[0].strip());
        if (port < 0 || port > 65535) {
          throw new NumberFormatException("out of range");
        }
      } catch (NumberFormatException e) {
        System.err.println("usage: AutoInstrumentedService [port]");
        System.exit(2);
      }
    }
    try (Pillars pillars =
            Pillars.builder().serviceName("auto-instrumented").prometheusEndpoint(false).build();
        AutoInstrumentedService service = start(pillars, "127.0.0.1", port)) {
      System.out.println("serving " + service.baseUri() + "/chat, /health, /metrics");
      Thread.currentThread().join();
    }
  }
}
