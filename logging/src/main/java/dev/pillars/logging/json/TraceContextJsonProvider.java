package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.DelegatingLoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Objects;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes {@code trace_id}, {@code span_id} and {@code trace_flags} of the span that was current
 * when the event was logged; writes nothing outside a valid span.
 *
 * <p>The span is read from the event when a {@link TraceCapturingAsyncAppender} captured it on the
 * logging thread; otherwise from {@link Span#current()}, but only while encoding on the thread that
 * logged (a synchronous appender, or loki4j's append path). On any other thread the fields are left
 * out rather than guessed. Uses the OpenTelemetry API only and copies nothing into the MDC.
 *
 * <p>Usable on its own inside a logstash-logback-encoder {@code <providers>} block:
 *
 * <pre>{@code
 * <provider class="dev.pillars.logging.json.TraceContextJsonProvider"/>
 * }</pre>
 */
public class TraceContextJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private String traceIdFieldName = "trace_id";
  private String spanIdFieldName = "span_id";
  private String traceFlagsFieldName = "trace_flags";

  /** The names as the encoder's scrubber leaves them, when a PillarsJsonEncoder owns this. */
  private CleanText @Nullable [] cleanNames;

  /** Creates the provider with the default field names. */
  public TraceContextJsonProvider() {}

  /**
   * Writes the trace fields when the event belongs to a valid span.
   *
   * @param generator the generator, positioned inside the event object
   * @param event the event
   */
  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    SpanContext spanContext = spanContextOf(event);
    if (!spanContext.isValid()) {
      return;
    }
    CleanText @Nullable [] names = cleanNames;
    if (names != null && generator instanceof RedactingJsonGenerator redacting) {
      redacting.writeComputedProperty(names[0], spanContext.getTraceId());
      redacting.writeComputedProperty(names[1], spanContext.getSpanId());
      redacting.writeComputedProperty(names[2], spanContext.getTraceFlags().asHex());
      return;
    }
    generator.writeStringProperty(traceIdFieldName, spanContext.getTraceId());
    generator.writeStringProperty(spanIdFieldName, spanContext.getSpanId());
    generator.writeStringProperty(traceFlagsFieldName, spanContext.getTraceFlags().asHex());
  }

  static SpanContext spanContextOf(ILoggingEvent event) {
    if (event instanceof DelegatingLoggingEvent delegating) {
      SpanContext captured = delegating.capturedSpanContext();
      if (captured != null) {
        return captured;
      }
    }
    // Span.current() is only meaningful on the thread that logged.
    if (!Thread.currentThread().getName().equals(event.getThreadName())) {
      return SpanContext.getInvalid();
    }
    return Span.current().getSpanContext();
  }

  /**
   * Sets the name of the trace id field.
   *
   * @param traceIdFieldName the field name, default {@code trace_id}
   */
  public void setTraceIdFieldName(String traceIdFieldName) {
    this.traceIdFieldName = Objects.requireNonNull(traceIdFieldName, "traceIdFieldName");
    cleanNames = null;
  }

  /**
   * Sets the name of the span id field.
   *
   * @param spanIdFieldName the field name, default {@code span_id}
   */
  public void setSpanIdFieldName(String spanIdFieldName) {
    this.spanIdFieldName = Objects.requireNonNull(spanIdFieldName, "spanIdFieldName");
    cleanNames = null;
  }

  /**
   * Sets the name of the trace flags field.
   *
   * @param traceFlagsFieldName the field name, default {@code trace_flags}
   */
  public void setTraceFlagsFieldName(String traceFlagsFieldName) {
    this.traceFlagsFieldName = Objects.requireNonNull(traceFlagsFieldName, "traceFlagsFieldName");
    cleanNames = null;
  }

  /**
   * Scrubs the field names once, for a {@link PillarsJsonEncoder} whose generator is a {@link
   * RedactingJsonGenerator}: the ids are then written without a cache lookup per name.
   */
  void scrubNamesWith(TextScrubber scrubber) {
    cleanNames =
        new CleanText[] {
          CleanText.of(scrubber, traceIdFieldName),
          CleanText.of(scrubber, spanIdFieldName),
          CleanText.of(scrubber, traceFlagsFieldName)
        };
  }

  String traceIdFieldName() {
    return traceIdFieldName;
  }

  String spanIdFieldName() {
    return spanIdFieldName;
  }

  String traceFlagsFieldName() {
    return traceFlagsFieldName;
  }
}
