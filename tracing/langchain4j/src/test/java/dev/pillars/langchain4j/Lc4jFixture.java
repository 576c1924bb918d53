package dev.pillars.langchain4j;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.ModelPrice;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.testing.MetricPoints;
import dev.pillars.tracing.PipelineTracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/** An SDK with in-memory spans and metrics, priced LLM recorder, stages and the adapter. */
final class Lc4jFixture implements AutoCloseable {

  /** gpt-4o-mini and claude-sonnet-4 at their list prices per million tokens. */
  static final TokenPriceTable PRICES =
      TokenPriceTable.builder()
          .price(Wire.OPENAI_MODEL, ModelPrice.of(0.15, 0.60).withCachedInput(0.075))
          .price(
              Wire.ANTHROPIC_MODEL,
              ModelPrice.of(3.00, 15.00).withCachedInput(0.30).withCacheWrite(3.75))
          .build();

  /** A log line and the trace and span current when it was written. */
  record Line(String logger, String message, String thread, String traceId, String spanId) {}

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
  final LlmMetrics llm;
  final PipelineTracing tracing;
  final PillarsLangChain4j lc4j;
  final List<Line> lines = Collections.synchronizedList(new ArrayList<>());
  private final LineCapture capture = new LineCapture();
  private Collection<MetricData> collected;

  Lc4jFixture() {
    this(b -> b);
  }

  Lc4jFixture(UnaryOperator<LlmMetrics.Builder> customize) {
    llm = customize.apply(LlmMetrics.builder(sdk, metrics).prices(PRICES)).build();
    tracing = PipelineTracing.builder(sdk).metrics(metrics).llm(llm).build();
    lc4j = PillarsLangChain4j.create(sdk, tracing);
    capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    capture.start();
    for (String name : new String[] {"dev.langchain4j", "test"}) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      logger.setLevel(Level.DEBUG);
      logger.setAdditive(false);
      logger.addAppender(capture);
    }
  }

  /** A logger whose lines the fixture captures. */
  static org.slf4j.Logger testLogger() {
    return LoggerFactory.getLogger("test");
  }

  List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  SpanData span(String name) {
    List<SpanData> found = spans().stream().filter(s -> s.getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one span '" + name + "', got " + spans());
    }
    return found.get(0);
  }

  Collection<MetricData> metricsData() {
    if (collected == null) {
      collected = reader.collectAllMetrics();
    }
    return collected;
  }

  void recollect() {
    collected = null;
  }

  List<DoublePointData> counterPoints(String name) {
    return MetricPoints.counterPoints(metricsData(), name);
  }

  double counter(String name, Attributes attributes) {
    return MetricPoints.valueAt(counterPoints(name), attributes);
  }

  List<DoublePointData> gaugePoints(String name) {
    return MetricPoints.gaugePoints(metricsData(), name);
  }

  double gauge(String name, Attributes attributes) {
    return MetricPoints.valueAt(gaugePoints(name), attributes);
  }

  List<HistogramPointData> histogram(String name) {
    return MetricPoints.histogram(metricsData(), name);
  }

  Optional<HistogramPointData> histogram(String name, Attributes attributes) {
    return MetricPoints.histogramAt(histogram(name), attributes);
  }

  static Attributes attrs(String... kv) {
    var b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(kv[i], kv[i + 1]);
    }
    return b.build();
  }

  static Attributes chat(String provider, String model, String... more) {
    var b =
        Attributes.builder()
            .put("gen_ai.operation.name", "chat")
            .put("gen_ai.provider.name", provider)
            .put("gen_ai.request.model", model);
    for (int i = 0; i < more.length; i += 2) {
      b.put(more[i], more[i + 1]);
    }
    return b.build();
  }

  @Override
  public void close() {
    for (String name : new String[] {"dev.langchain4j", "test"}) {
      ((Logger) LoggerFactory.getLogger(name)).detachAppender(capture);
    }
    capture.stop();
    sdk.close();
  }

  /** Records each line with the span current on the writing thread, as a log correlator does. */
  private final class LineCapture extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      var sc = Span.current().getSpanContext();
      lines.add(
          new Line(
              event.getLoggerName(),
              event.getFormattedMessage(),
              event.getThreadName(),
              sc.isValid() ? sc.getTraceId() : null,
              sc.isValid() ? sc.getSpanId() : null));
    }
  }
}
