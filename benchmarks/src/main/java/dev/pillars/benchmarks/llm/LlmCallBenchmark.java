package dev.pillars.benchmarks.llm;

import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.metrics.llm.TokenUsage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.List;
import java.util.Map;
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
 * Recording one LLM call with core's recorder ({@code opener.start()}, {@code recordUsage}, {@code
 * end()}: a CLIENT span with the GenAI attributes, the duration and two token samples with the span
 * as exemplar, and the cost) against the same done by hand with the OpenTelemetry SDK: a span with
 * the same attributes, the same three histogram samples recorded in the span's context, a price
 * looked up in a map and added to a cost counter. Target: recorder at most 1.10x by hand. One SDK
 * for both: always-on sampler, no span processor, one in-memory metric reader with the default
 * trace-based exemplar filter.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LlmCallBenchmark {

  private static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  private static final AttributeKey<String> PROVIDER =
      AttributeKey.stringKey("gen_ai.provider.name");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> TOKEN_TYPE =
      AttributeKey.stringKey("gen_ai.token.type");
  private static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  private static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");

  private OpenTelemetrySdk sdk;
  private LlmCall.Opener gpt4o;
  private Tracer tracer;
  private DoubleHistogram duration;
  private DoubleHistogram tokens;
  private DoubleCounter cost;
  private Attributes spanAttributes;
  private Attributes durationAttributes;
  private Attributes inputAttributes;
  private Attributes outputAttributes;
  private Attributes costAttributes;
  private Map<String, double[]> prices;
  private long input = 1200;
  private long output = 300;

  @Setup
  public void setUp() {
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn()).build())
            .setMeterProvider(
                SdkMeterProvider.builder()
                    .registerMetricReader(InMemoryMetricReader.create())
                    .build())
            .build();
    gpt4o =
        LlmMetrics.builder(sdk, Metrics.builder(sdk).build())
            .prices(TokenPriceTable.bundled())
            .build()
            .call("openai", "gpt-4o");

    tracer = sdk.getTracer("raw");
    Meter meter = sdk.getMeter("raw");
    duration =
        meter
            .histogramBuilder("raw.gen_ai.client.operation.duration")
            .setUnit("s")
            .setExplicitBucketBoundariesAdvice(
                List.of(
                    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
                    81.92))
            .build();
    tokens =
        meter
            .histogramBuilder("raw.gen_ai.client.token.usage")
            .setUnit("{token}")
            .setExplicitBucketBoundariesAdvice(
                List.of(
                    1.0,
                    4.0,
                    16.0,
                    64.0,
                    256.0,
                    1024.0,
                    4096.0,
                    16384.0,
                    65536.0,
                    262144.0,
                    1048576.0,
                    4194304.0,
                    16777216.0,
                    67108864.0))
            .build();
    cost = meter.counterBuilder("raw.llm.cost").ofDoubles().build();
    spanAttributes = Attributes.of(OPERATION, "chat", PROVIDER, "openai", MODEL, "gpt-4o");
    durationAttributes = spanAttributes;
    inputAttributes = spanAttributes.toBuilder().put(TOKEN_TYPE, "input").build();
    outputAttributes = spanAttributes.toBuilder().put(TOKEN_TYPE, "output").build();
    costAttributes =
        Attributes.of(
            PROVIDER, "openai", MODEL, "gpt-4o", AttributeKey.stringKey("currency"), "USD");
    prices = Map.of("gpt-4o", new double[] {2.50, 10.00});
  }

  @TearDown
  public void tearDown() {
    sdk.close();
  }

  /** Core's recorder, the opener kept in a field as its javadoc says. */
  @Benchmark
  public LlmCall recorder() {
    LlmCall call = gpt4o.start();
    call.recordUsage(TokenUsage.of(input, output)).end();
    return call;
  }

  /** The same span, samples and cost with the raw SDK. */
  @Benchmark
  public Span rawSdk() {
    long start = System.nanoTime();
    Context parent = Context.current();
    Span span =
        tracer
            .spanBuilder("chat gpt-4o")
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAllAttributes(spanAttributes)
            .startSpan();
    Context context = parent.with(span);
    long in = input;
    long out = output;
    duration.record((System.nanoTime() - start) * 1e-9, durationAttributes, context);
    tokens.record(in, inputAttributes, context);
    tokens.record(out, outputAttributes, context);
    span.setAttribute(INPUT_TOKENS, in);
    span.setAttribute(OUTPUT_TOKENS, out);
    double[] price = prices.get("gpt-4o");
    cost.add((in * price[0] + out * price[1]) / 1e6, costAttributes, context);
    span.end();
    return span;
  }
}
