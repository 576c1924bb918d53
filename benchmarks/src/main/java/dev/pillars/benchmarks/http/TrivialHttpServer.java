package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.pillars.Pillars;
import dev.pillars.tracing.http.HttpServerTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The trivial JDK {@code HttpServer} that {@code benchmarks/wrk/http-filter.sh} loads with wrk:
 * {@code bare} answers {@code /hello} with 2 bytes; {@code filtered} is the same server with
 * Pillars' JDK filter (span + {@code http_server_*} metrics) in front. Listens on 127.0.0.1 at the
 * given port (0 picks one), prints {@code listening PORT}, and serves until its standard input
 * closes.
 *
 * <p>{@code stable} is the filtered server with {@code experimentalTelemetry(false)}: the duration
 * histogram and the stable span attributes only ({@code FILTERED=stable} in the script). {@code
 * instrumenter} is the anchor: the same span and four metrics through OpenTelemetry's
 * instrumentation-API {@code Instrumenter} written by hand ({@link RawInstrumenterFilter}) over
 * Pillars' SDK, what a user without Pillars' filter would run ({@code FILTERED=instrumenter}).
 * {@code floor} is the least any span-making filter costs: one bare SDK span and one bound duration
 * a request ({@link FloorFilter}, {@code FILTERED=floor}).
 *
 * <p>Five more modes split the filter's cost (in the script's {@code FILTERED} too): {@code
 * passthrough} mounts a filter that only passes the exchange on (what any filter costs the JDK
 * server); {@code pillars} starts Pillars and mounts no filter; {@code spans} mounts the filter
 * with no-op meters, {@code metrics} with a no-op tracer, {@code noop} over {@code
 * OpenTelemetry.noop()} (the filter's own reading of the request, with nothing recorded). {@code
 * burn} mounts {@link BurnFilter}, which only spends CPU, about as long as the filter takes on an
 * in-memory exchange.
 */
public final class TrivialHttpServer {

  private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

  /** A filter that does nothing but pass the exchange on: what any filter costs the JDK server. */
  private static final Filter PASS_THROUGH =
      new Filter() {
        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
          chain.doFilter(exchange);
        }

        @Override
        public String description() {
          return "passes the exchange on";
        }
      };

  private TrivialHttpServer() {}

  /**
   * {@code bare|filtered|stable|instrumenter|floor|passthrough|pillars|spans|metrics|noop|burn
   * [port]}.
   */
  public static void main(String[] args) throws IOException {
    String mode = args.length > 0 ? args[0] : "bare";
    boolean filtered = !mode.equals("bare") && !mode.equals("passthrough") && !mode.equals("burn");
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    // without it every keep-alive response waits for wrk's delayed ACK (~40 ms): see the README
    System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    DefaultContextStorage.require();
    Pillars pillars =
        filtered
            ? Pillars.builder().serviceName("wrk-filtered").prometheusEndpoint(false).build()
            : null;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    ExecutorService workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    HttpHandler hello =
        exchange -> {
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
          }
        };
    var context = server.createContext("/hello", hello);
    if (mode.equals("instrumenter")) {
      context.getFilters().add(new RawInstrumenterFilter(pillars.openTelemetry(), "/hello"));
    } else if (mode.equals("floor")) {
      context.getFilters().add(new FloorFilter(pillars.openTelemetry()));
    } else if (mode.equals("burn")) {
      context.getFilters().add(new BurnFilter());
    } else if (pillars != null && !mode.equals("pillars")) {
      OpenTelemetry otel = recording(mode, pillars.openTelemetry());
      HttpServerTracing http =
          HttpServerTracing.builder(otel)
              .route("/hello")
              .experimentalTelemetry(!mode.equals("stable"))
              .build();
      context.getFilters().add(http.jdkFilter());
    }
    if (mode.equals("passthrough")) {
      context.getFilters().add(PASS_THROUGH);
    }
    server.start();
    System.out.println("listening " + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the script closes our standard input
    }
    server.stop(0);
    workers.shutdown();
    if (pillars != null) {
      pillars.close();
    }
  }

  /** What the filter records into in {@code mode}: all of Pillars, or parts of it made no-ops. */
  private static OpenTelemetry recording(String mode, OpenTelemetry pillars) {
    switch (mode) {
      case "filtered":
      case "stable":
        return pillars;
      case "noop":
        return OpenTelemetry.noop();
      case "spans":
      case "metrics":
        break;
      default:
        throw new IllegalArgumentException(
            "mode is bare, filtered, stable, passthrough, pillars, spans, metrics or noop; got "
                + mode);
    }
    TracerProvider tracers =
        mode.equals("metrics") ? TracerProvider.noop() : pillars.getTracerProvider();
    MeterProvider meters = mode.equals("spans") ? MeterProvider.noop() : pillars.getMeterProvider();
    ContextPropagators propagators = pillars.getPropagators();
    return new OpenTelemetry() {
      @Override
      public TracerProvider getTracerProvider() {
        return tracers;
      }

      @Override
      public MeterProvider getMeterProvider() {
        return meters;
      }

      @Override
      public ContextPropagators getPropagators() {
        return propagators;
      }
    };
  }
}
