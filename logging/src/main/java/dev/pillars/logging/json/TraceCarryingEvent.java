package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.DelegatingLoggingEvent;
import io.opentelemetry.api.trace.SpanContext;

/**
 * A logging event together with the span context that was current on the thread that logged it.
 *
 * <p>It is the only allocation trace correlation adds on the async path: the MDC is not copied,
 * every other call goes to the original event.
 */
final class TraceCarryingEvent extends DelegatingLoggingEvent {

  private final SpanContext spanContext;

  TraceCarryingEvent(ILoggingEvent delegate, SpanContext spanContext) {
    super(delegate);
    this.spanContext = spanContext;
  }

  @Override
  public SpanContext capturedSpanContext() {
    return spanContext;
  }
}
