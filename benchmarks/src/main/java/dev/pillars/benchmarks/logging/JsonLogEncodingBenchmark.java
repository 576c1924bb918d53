package dev.pillars.benchmarks.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.pillars.logging.json.PillarsJsonEncoder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
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
 * One log event encoded to a JSON line: the plain {@link LogstashEncoder} (no trace fields) against
 * {@link PillarsJsonEncoder} inside a span (trace_id, span_id, trace_flags read from the current
 * span), and against the MDC approach (LogstashEncoder with the ids copied into the MDC). Target:
 * pillarsInSpan at most 1.15x logstashPlain.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class JsonLogEncodingBenchmark {

  private LoggerContext context;
  private SdkTracerProvider tracerProvider;
  private Span span;
  private Scope scope;
  private LogstashEncoder logstash;
  private PillarsJsonEncoder pillars;
  private LoggingEvent event;
  private LoggingEvent eventWithMdcIds;

  /** Builds both encoders and an event logged on this thread inside a sampled span. */
  @Setup
  public void setUp() {
    context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    logstash = new LogstashEncoder();
    logstash.setContext(context);
    logstash.start();
    pillars = new PillarsJsonEncoder();
    pillars.setContext(context);
    pillars.setServiceName("rag-service");
    pillars.setEnvironment("production");
    pillars.start();

    tracerProvider = SdkTracerProvider.builder().build();
    span = tracerProvider.get("bench").spanBuilder("request").startSpan();
    scope = span.makeCurrent();

    Logger logger = context.getLogger("com.example.rag.QueryService");
    event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "Retrieved {} chunks for query in {} ms",
            null,
            new Object[] {8, 42});
    event.getThreadName();
    event.getFormattedMessage();

    Map<String, String> mdc = new HashMap<>();
    mdc.put("trace_id", span.getSpanContext().getTraceId());
    mdc.put("span_id", span.getSpanContext().getSpanId());
    mdc.put("trace_flags", span.getSpanContext().getTraceFlags().asHex());
    org.slf4j.MDC.setContextMap(mdc);
    eventWithMdcIds =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "Retrieved {} chunks for query in {} ms",
            null,
            new Object[] {8, 42});
    eventWithMdcIds.prepareForDeferredProcessing();
    org.slf4j.MDC.clear();

    String line = new String(pillars.encode(event), StandardCharsets.UTF_8);
    if (!line.contains(span.getSpanContext().getTraceId())) {
      throw new IllegalStateException("benchmark is not measuring trace correlation: " + line);
    }
  }

  /** Ends the span and stops the encoders. */
  @TearDown
  public void tearDown() {
    scope.close();
    span.end();
    tracerProvider.close();
    logstash.stop();
    pillars.stop();
    context.stop();
  }

  /** Baseline: LogstashEncoder, no trace fields. */
  @Benchmark
  public byte[] logstashPlain() {
    return logstash.encode(event);
  }

  /** LogstashEncoder with the trace ids carried in the MDC (the approach we avoid). */
  @Benchmark
  public byte[] logstashWithMdcTraceIds() {
    return logstash.encode(eventWithMdcIds);
  }

  /** PillarsJsonEncoder inside a span: trace fields, service, environment, redaction checks. */
  @Benchmark
  public byte[] pillarsInSpan() {
    return pillars.encode(event);
  }
}
