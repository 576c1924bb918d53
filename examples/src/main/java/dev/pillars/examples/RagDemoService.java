package dev.pillars.examples;

import com.sun.net.httpserver.HttpServer;
import dev.pillars.AgentMode;
import dev.pillars.Pillars;
import dev.pillars.examples.langchain4j.AssistantTour;
import dev.pillars.examples.rag.FaultInjection;
import dev.pillars.examples.rag.SimulatedRagPipeline;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.TracePropagation;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo service of the README: a simulated RAG API that shows the three pillars at once.
 *
 * <ul>
 *   <li>{@code POST /query} {@code {"question": "..."}}: semantic cache, retrieval, rerank and an
 *       LLM call with tokens, cost, rate limits and occasional failures;
 *   <li>{@code GET /health}: {@code {"status":"ok"}};
 *   <li>{@code GET /metrics}: Prometheus text or OpenMetrics (with exemplars), from {@code
 *       pillars.metricsHandler()}.
 * </ul>
 *
 * <pre>{@code
 * java -cp ... dev.pillars.examples.RagDemoService --drive 30s
 * }</pre>
 *
 * <p>It binds 127.0.0.1:8000 unless told otherwise. Spans go over OTLP when {@code
 * OTEL_EXPORTER_OTLP_ENDPOINT} is set (nowhere otherwise), and every request's log line carries its
 * trace id.
 */
public final class RagDemoService implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimulatedRagPipeline pipeline;
  private final String host;

  private RagDemoService(
      HttpServer server, ExecutorService executor, SimulatedRagPipeline pipeline, String host) {
    this.server = server;
    this.executor = executor;
    this.pipeline = pipeline;
    this.host = host;
  }

  /**
   * Starts the service on {@code options.host():options.port()} (port 0 picks a free one),
   * recording into {@code pillars}, which the caller keeps and closes.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static RagDemoService start(Pillars pillars, DemoOptions options, FaultInjection faults) {
    // under the Java agent only the agent's tracer makes spans that can become current
    Tracer tracer = AgentMode.tracerProvider(pillars.openTelemetry()).get("dev.pillars.examples");
    TracePropagation propagation = TracePropagation.create(pillars.openTelemetry());
    SimulatedRagPipeline pipeline =
        new SimulatedRagPipeline(
            pillars.openTelemetry(),
            pillars.metrics(),
            PipelineTracing.create(pillars),
            faults,
            options.latencyScale());
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            16, r -> new Thread(r, "rag-demo-http-" + n.incrementAndGet()));
    server.setExecutor(executor);
    var metrics = pillars.metrics();
    server.createContext(
        "/query",
        new InstrumentedRoute("/query", new QueryHandler(pipeline), metrics, tracer, propagation));
    server.createContext(
        "/health",
        new InstrumentedRoute(
            "/health",
            ex -> QueryHandler.send(ex, 200, "{\"status\":\"ok\"}"),
            metrics,
            tracer,
            propagation));
    server.createContext("/metrics", pillars.metricsHandler());
    server.createContext(
        "/",
        new InstrumentedRoute(
            "other",
            ex -> QueryHandler.send(ex, 404, "{\"error\":\"not found\"}"),
            metrics,
            tracer,
            propagation));
    server.start();
    return new RagDemoService(server, executor, pipeline, options.host());
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + ("0.0.0.0".equals(h) ? "127.0.0.1" : h) + ":" + port());
  }

  /** The pipeline's failure probabilities, adjustable while the service runs. */
  public FaultInjection faults() {
    return pipeline.faults();
  }

  /** Stops accepting requests, lets running ones finish (at most 2 s), stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the service; see {@link DemoOptions#USAGE}. Exits 2 on bad options, 1 on bind errors; on
   * success it returns normally rather than calling {@code System.exit}, so that it also ends
   * cleanly inside {@code mvn exec:java}, which runs it in Maven's own JVM.
   */
  public static void main(String[] args) {
    DemoOptions options = DemoOptions.parse(args).orElse(null);
    if (options == null) {
      System.exit(2);
      return;
    }
    int code = run(options, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs with {@code options}, printing to {@code out}; returns the process exit code. */
  static int run(DemoOptions options, PrintStream out) {
    // the JDK HTTP server without TCP_NODELAY holds each keep-alive response ~40 ms for the
    // client's delayed ACK; the JDK reads this once, before its first server, so set it first
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    Pillars.Builder builder = Pillars.builder();
    if (System.getenv("OTEL_SERVICE_NAME") == null) {
      builder.serviceName("rag-demo");
    }
    if (System.getenv("OTEL_EXPORTER_PROMETHEUS_PORT") == null
        && System.getenv("PILLARS_PROMETHEUS_ENDPOINT_ENABLED") == null) {
      // /metrics is served on the service's own port; no second, standalone listener
      builder.prometheusEndpoint(false);
    }
    if (options.drive() == null
        && System.getenv("OTEL_TRACES_EXPORTER") == null
        && System.getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == null
        && System.getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == null) {
      // no collector configured: show spans on the console (one line each); driven runs stay
      // quiet and say where spans would go in their summary
      builder.tracesExporters("console");
    }
    try (Pillars pillars = builder.build();
        RagDemoService service = start(pillars, options, FaultInjection.everyday())) {
      out.println("rag-demo listening on " + service.baseUri());
      out.println("  POST " + service.baseUri() + "/query   {\"question\": \"...\"}");
      out.println("  GET  " + service.baseUri() + "/health");
      out.println("  GET  " + service.baseUri() + "/metrics");
      if (options.drive() == null) {
        Thread.currentThread().join();
        return 0;
      }
      TrafficDriver driver = new TrafficDriver(service.baseUri(), 8);
      if (options.driveForever()) {
        while (!Thread.currentThread().isInterrupted()) {
          driver.drive(java.time.Duration.ofMinutes(1));
        }
        return 0;
      }
      DriveSummary summary = driver.drive(options.drive());
      out.println(summary.format(service.baseUri()));
      // the same Pillars observing a LangChain4j AI service, with no code around its calls
      out.println(AssistantTour.run(pillars, 3));
      return 0;
    } catch (IOException | UncheckedIOException | dev.pillars.PillarsConfigurationException e) {
      System.err.println("rag-demo cannot start: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
