package dev.pillars.metrics.llm;

import dev.pillars.metrics.Metrics;
import dev.pillars.testing.MetricPoints;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** An SDK with in-memory metrics and spans, a hand-driven clock and an LlmMetrics over them. */
final class LlmFixture implements AutoCloseable {

  final InMemoryMetricReader reader = InMemoryMetricReader.create();
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
          .setTracerProvider(
              SdkTracerProvider.builder()
                  .addSpanProcessor(SimpleSpanProcessor.create(spans))
                  .build())
          .build();
  final Metrics metrics = Metrics.builder(sdk).build();

  /** Nanoseconds; tests move it by hand. */
  final AtomicLong clock = new AtomicLong(1_000_000_000L);

  final LlmMetrics llm;
  private Collection<MetricData> collected;

  LlmFixture() {
    this(TokenPriceTable.empty());
  }

  LlmFixture(TokenPriceTable prices) {
    this(b -> b.prices(prices));
  }

  LlmFixture(UnaryOperator<LlmMetrics.Builder> customize) {
    llm = customize.apply(LlmMetrics.builder(sdk, metrics).nanoClock(clock::get)).build();
  }

  void advanceMillis(long millis) {
    clock.addAndGet(millis * 1_000_000L);
  }

  /** Collects once; later calls see the same collection until {@link #recollect()}. */
  Collection<MetricData> metricsData() {
    if (collected == null) {
      collected = reader.collectAllMetrics();
    }
    return collected;
  }

  void recollect() {
    collected = null;
  }

  List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  static Attributes attrs(String... kv) {
    var b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(kv[i], kv[i + 1]);
    }
    return b.build();
  }

  /** The attributes of a gen_ai series: operation, provider, model, then more pairs. */
  static Attributes genAi(String op, String provider, String model, String... more) {
    var b =
        Attributes.builder()
            .put("gen_ai.operation.name", op)
            .put("gen_ai.provider.name", provider)
            .put("gen_ai.request.model", model);
    for (int i = 0; i < more.length; i += 2) {
      b.put(more[i], more[i + 1]);
    }
    return b.build();
  }

  /** Every point of counter {@code name}. */
  List<DoublePointData> counterPoints(String name) {
    return MetricPoints.counterPoints(metricsData(), name);
  }

  /** The value of counter {@code name} at exactly {@code attributes}; NaN when it has no point. */
  double counter(String name, Attributes attributes) {
    return MetricPoints.valueAt(counterPoints(name), attributes);
  }

  /** Every point of histogram {@code name}. */
  List<HistogramPointData> histogram(String name) {
    return MetricPoints.histogram(metricsData(), name);
  }

  /** The histogram point of {@code name} at exactly {@code attributes}. */
  HistogramPointData histogram(String name, Attributes attributes) {
    return MetricPoints.histogramAt(histogram(name), attributes)
        .orElseThrow(() -> new AssertionError("no point " + attributes + " in " + histogram(name)));
  }

  /** The count of {@code pillars_llm_misuse_total{reason}}, 0 when absent. */
  double misuse(String reason) {
    double v = counter("pillars.llm.misuse", attrs("reason", reason));
    return Double.isNaN(v) ? 0 : v;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
