package dev.pillars.benchmarks.logging;

import static java.nio.charset.StandardCharsets.UTF_8;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashCommonFieldNames;
import net.logstash.logback.fieldnames.LogstashFieldNames;
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
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log event encoded to a JSON line by {@link PillarsJsonEncoder} inside a span (trace_id,
 * span_id, trace_flags read from the current span) against three {@link LogstashEncoder} anchors:
 * configured to write the same fields without the trace ids ({@code logstashSameFields}, the
 * baseline of issue 11: pillarsInSpan at most 1.0x of it), its defaults ({@code logstashPlain}:
 * {@code @version}, {@code thread_name}, {@code level_value}, no service fields), and its defaults
 * with the ids copied into the MDC (the approach Pillars avoids). Setup fails unless the baseline's
 * line holds exactly the keys of ours minus the three trace fields.
 *
 * <p>Warm-up is 5 x 2 s: the Pillars encoder has more code to compile, and shorter warm-ups put it
 * at 1.4-1.6x in some forks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(org.openjdk.jmh.annotations.Scope.Thread)
public class JsonLogEncodingBenchmark {

  /** Reads a line, failing on a key written twice. */
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private LoggerContext context;
  private SdkTracerProvider tracerProvider;
  private Span span;
  private Scope scope;
  private LogstashEncoder logstash;
  private LogstashEncoder logstashSameFields;
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
    logstashSameFields = sameFieldsAsPillars(context);
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
    requireSameKeysBarTraceIds(line, new String(logstashSameFields.encode(event), UTF_8));
  }

  /**
   * LogstashEncoder writing the fields of PillarsJsonEncoder without the trace ids: the same names
   * ({@code timestamp} in UTC, {@code level}, {@code logger}, {@code message}), {@code service} and
   * {@code environment} as custom fields, and {@code @version}, {@code thread_name} and {@code
   * level_value} ignored. Its order is fixed by the encoder (message before logger, custom fields
   * last); the set of fields is the same.
   */
  private static LogstashEncoder sameFieldsAsPillars(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    LogstashFieldNames names = new LogstashFieldNames();
    names.setTimestamp("timestamp");
    names.setVersion(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
    names.setThread(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLevelValue(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
    names.setLevel("level");
    names.setLogger("logger");
    names.setMessage("message");
    names.setStackTrace("stack_trace");
    encoder.setFieldNames(names);
    encoder.setTimeZone("UTC");
    encoder.setCustomFields("{\"service\":\"rag-service\",\"environment\":\"production\"}");
    encoder.start();
    return encoder;
  }

  /** Fails unless {@code baseline} holds exactly the keys of {@code pillars} but the trace ids. */
  private static void requireSameKeysBarTraceIds(String pillars, String baseline) {
    Set<String> expected = keysOf(pillars);
    if (!expected.removeAll(Set.of("trace_id", "span_id", "trace_flags"))) {
      throw new IllegalStateException("the Pillars line carries no trace fields: " + pillars);
    }
    Set<String> actual = keysOf(baseline);
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "the baseline does not write the same fields: "
              + actual
              + " against "
              + expected
              + "\n"
              + baseline
              + "\n"
              + pillars);
    }
  }

  private static Set<String> keysOf(String line) {
    return new TreeSet<>(JSON.readTree(line).propertyNames());
  }

  /** Ends the span and stops the encoders. */
  @TearDown
  public void tearDown() {
    scope.close();
    span.end();
    tracerProvider.close();
    logstash.stop();
    logstashSameFields.stop();
    pillars.stop();
    context.stop();
  }

  /** Baseline: LogstashEncoder writing the same fields as pillarsInSpan but the trace ids. */
  @Benchmark
  public byte[] logstashSameFields() {
    return logstashSameFields.encode(event);
  }

  /**
   * LogstashEncoder defaults, no trace fields (another field set: version, thread, level value).
   */
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
