package dev.pillars.benchmarks.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;
import dev.pillars.tracing.http.HttpServerTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request through a JDK {@code HttpServer} filter chain on an in-memory exchange ({@code GET
 * /hello}, the trivial handler of {@code benchmarks/wrk/http-filter.sh}), with no socket in the
 * way: the bare handler, Pillars' {@code jdkFilter()} in front of it, and the anchor,
 * OpenTelemetry's instrumentation-API {@link
 * io.opentelemetry.instrumentation.api.instrumenter.Instrumenter} with the same semconv extractors
 * and four metrics written by hand. All share one SDK: always-on sampler, no span processors, a
 * metric reader with the default trace-based exemplar filter ({@code pillarsFilterUnsampled}: the
 * same over an SDK whose sampler keeps no trace; {@code floorFilter}: {@link FloorFilter}, one bare
 * span and one bound duration, the least any span-making filter costs). The filter's cost per
 * request is {@code pillarsFilter - bareHandler}; the wrk script stays the end-to-end check.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class HttpFilterBenchmark {

  private static final byte[] BODY = "ok".getBytes(StandardCharsets.US_ASCII);

  private OpenTelemetrySdk sdk;
  private OpenTelemetrySdk unsampledSdk;
  private final InMemoryExchange exchange = new InMemoryExchange("GET", "/hello");
  private HttpHandler handler;
  private List<Filter> none;
  private List<Filter> pillars;
  private List<Filter> raw;
  private List<Filter> pillarsUnsampled;
  private List<Filter> pillarsStable;
  private List<Filter> floor;
  private List<Filter> pillarsNoop;
  private final List<Filter> burn = List.of(new BurnFilter());

  @Setup
  public void setUp() {
    DefaultContextStorage.require();
    sdk = sdk(Sampler.alwaysOn());
    handler =
        exchange -> {
          exchange.sendResponseHeaders(200, BODY.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
          }
        };
    none = List.of();
    pillars = List.of(HttpServerTracing.builder(sdk).route("/hello").build().jdkFilter());
    raw = List.of(new RawInstrumenterFilter(sdk, "/hello"));
    floor = List.of(new FloorFilter(sdk));
    pillarsStable =
        List.of(
            HttpServerTracing.builder(sdk)
                .route("/hello")
                .experimentalTelemetry(false)
                .build()
                .jdkFilter());
    // a sampler that keeps no trace, as most requests are under ratio sampling
    unsampledSdk = sdk(Sampler.alwaysOff());
    pillarsUnsampled =
        List.of(HttpServerTracing.builder(unsampledSdk).route("/hello").build().jdkFilter());
    pillarsNoop =
        List.of(
            HttpServerTracing.builder(OpenTelemetry.noop()).route("/hello").build().jdkFilter());
  }

  /** An SDK with {@code sampler}, no span processors, and an in-memory metric reader. */
  private static OpenTelemetrySdk sdk(Sampler sampler) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).build())
        .setMeterProvider(
            SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
        .build();
  }

  @TearDown
  public void tearDown() {
    sdk.close();
    unsampledSdk.close();
  }

  @Benchmark
  public int bareHandler() throws IOException {
    new Filter.Chain(none, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  @Benchmark
  public int pillarsFilter() throws IOException {
    new Filter.Chain(pillars, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  /**
   * The filter with {@code experimentalTelemetry(false)}: the duration and the stable span
   * attributes, no active-requests or body-size metrics and no body-size span attributes.
   */
  @Benchmark
  public int pillarsFilterStable() throws IOException {
    new Filter.Chain(pillarsStable, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  /** The same filter when the sampler drops the trace: metrics recorded, the span not. */
  @Benchmark
  public int pillarsFilterUnsampled() throws IOException {
    new Filter.Chain(pillarsUnsampled, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  /**
   * The filter over {@code OpenTelemetry.noop()}: its own reading of the request and the
   * conventions' extractors, with nothing recorded ({@code FILTERED=noop} in the wrk script).
   */
  @Benchmark
  public int pillarsFilterNoop() throws IOException {
    new Filter.Chain(pillarsNoop, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  @Benchmark
  public int rawInstrumenter() throws IOException {
    new Filter.Chain(raw, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  /**
   * A filter that only spends CPU ({@link BurnFilter}), about what {@link #pillarsFilter} takes
   * here: under wrk it shows what the same nanoseconds cost the server when nothing but CPU is
   * spent.
   */
  @Benchmark
  public int burnFilter() throws IOException {
    new Filter.Chain(burn, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }

  /** The floor under any span-making filter: one bare span and one bound duration a request. */
  @Benchmark
  public int floorFilter() throws IOException {
    new Filter.Chain(floor, handler).doFilter(exchange.reset());
    return exchange.getResponseCode();
  }
}
