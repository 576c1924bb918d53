package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.SpanContext;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Drops the MDC copies of the event's span context. The OpenTelemetry Java agent's Logback MDC
 * instrumentation (like OpenTelemetry's logback-mdc appender) adds {@code trace_id}, {@code
 * span_id} and {@code trace_flags} to every event's MDC; the encoder writes those fields itself, so
 * the copies would only come out again as {@code mdc_trace_id}, {@code mdc_span_id}, ...
 *
 * <p>Only entries whose value is the one the encoder writes are dropped: an MDC entry of the
 * application's that says something else is kept (and renamed, as any clash). Events without these
 * keys cost three map lookups.
 */
final class MdcSpanCopies {

  private static final String TRACE_ID = "trace_id";
  private static final String SPAN_ID = "span_id";
  private static final String TRACE_FLAGS = "trace_flags";

  private MdcSpanCopies() {}

  /** {@code mdc} without the entries that repeat {@code event}'s span context. */
  static @Nullable Map<String, String> without(
      @Nullable Map<String, String> mdc, ILoggingEvent event) {
    if (mdc == null || mdc.isEmpty()) {
      return mdc;
    }
    String traceId = mdc.get(TRACE_ID);
    String spanId = mdc.get(SPAN_ID);
    String flags = mdc.get(TRACE_FLAGS);
    if (traceId == null && spanId == null && flags == null) {
      return mdc;
    }
    SpanContext span = TraceContextJsonProvider.spanContextOf(event);
    if (!span.isValid()) {
      return mdc;
    }
    boolean dropTrace = span.getTraceId().equals(traceId);
    boolean dropSpan = span.getSpanId().equals(spanId);
    boolean dropFlags = span.getTraceFlags().asHex().equals(flags);
    if (!dropTrace && !dropSpan && !dropFlags) {
      return mdc;
    }
    Map<String, String> rest = new HashMap<>(mdc);
    if (dropTrace) {
      rest.remove(TRACE_ID);
    }
    if (dropSpan) {
      rest.remove(SPAN_ID);
    }
    if (dropFlags) {
      rest.remove(TRACE_FLAGS);
    }
    return rest;
  }
}
