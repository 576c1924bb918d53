package dev.pillars.logging.json;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Logback's {@link AsyncAppender}, plus two things: it captures the current span on the thread that
 * logs (so {@link PillarsJsonEncoder} writes the right {@code trace_id} although it runs on the
 * worker thread), and it counts what it drops in {@link LoggingSelfMetrics}.
 *
 * <p>Drops are counted as {@link DropReason#ASYNC_DISCARDED} (queue above the discarding threshold,
 * event at INFO or below) and {@link DropReason#ASYNC_QUEUE_FULL} (queue full with {@code
 * neverBlock}). The full-queue check runs just before Logback's own non-blocking offer; a producer
 * racing another one for the last free slot can lose its event uncounted, so under heavy contention
 * the count is a lower bound. Configure it like {@code AsyncAppender}:
 *
 * <pre>{@code
 * <appender name="ASYNC" class="dev.pillars.logging.json.TraceCapturingAsyncAppender">
 *   <neverBlock>true</neverBlock>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 */
public class TraceCapturingAsyncAppender extends AsyncAppender {

  /** Creates the appender. */
  public TraceCapturingAsyncAppender() {}

  /**
   * Captures the span context, counts a drop or hands the event to the queue.
   *
   * @param event the event, on the thread that logged it
   */
  @Override
  protected void append(ILoggingEvent event) {
    if (isQueueBelowDiscardingThreshold() && isDiscardable(event)) {
      LoggingSelfMetrics.DROPPED.add(DropReason.ASYNC_DISCARDED, 1);
      return;
    }
    if (isNeverBlock() && getRemainingCapacity() == 0) {
      LoggingSelfMetrics.DROPPED.add(DropReason.ASYNC_QUEUE_FULL, 1);
      return;
    }
    SpanContext spanContext = Span.current().getSpanContext();
    super.append(spanContext.isValid() ? new TraceCarryingEvent(event, spanContext) : event);
  }
}
