package dev.pillars.logging.internal;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Why a log event did not reach its destination; the {@code reason} attribute of the {@code
 * pillars.logging.dropped} self-metric.
 */
public enum DropReason {
  /** The {@code TraceCapturingAsyncAppender} queue was full and the appender never blocks. */
  ASYNC_QUEUE_FULL("async_queue_full"),
  /** The async queue was above its discarding threshold and the event was TRACE, DEBUG or INFO. */
  ASYNC_DISCARDED("async_discarded"),
  /** The {@code LokiJsonAppender} send queue was full (Loki slow or down). */
  LOKI_QUEUE_FULL("loki_queue_full"),
  /** A batch could not be delivered to Loki after all retries. */
  LOKI_SEND_FAILED("loki_send_failed"),
  /** Loki answered a batch with a status that must not be retried (400 and other 4xx). */
  LOKI_REJECTED("loki_rejected"),
  /** Even with its message cut, the line stayed above {@code maxLineBytes}. */
  LOKI_LINE_TOO_LONG("loki_line_too_long"),
  /** The event could not be encoded at all (a bug in a provider or a redactor). */
  ENCODING_FAILED("encoding_failed");

  private final String label;

  DropReason(String label) {
    this.label = label;
  }

  /**
   * The attribute value used in metrics.
   *
   * @return the lower-case reason label, for example {@code loki_queue_full}
   */
  public String label() {
    return label;
  }
}
