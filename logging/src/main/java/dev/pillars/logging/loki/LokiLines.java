package dev.pillars.logging.loki;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Encodes an event as the one line a {@link LokiJsonAppender} pushes, cut to {@code maxLineBytes}
 * (Loki rejects longer lines) inside the message, with a {@link TruncatedLineEvent} standing in for
 * the original. Counts cut lines, and lines that do not fit even with an empty message.
 */
final class LokiLines {

  private final Encoder<ILoggingEvent> encoder;
  private final int maxLineBytes;

  LokiLines(Encoder<ILoggingEvent> encoder, int maxLineBytes) {
    this.encoder = encoder;
    this.maxLineBytes = maxLineBytes;
  }

  /** The line of {@code event} without its line end, or {@code null} when it cannot fit. */
  @Nullable String lineOf(ILoggingEvent event) {
    byte[] bytes = encoder.encode(event);
    int length = withoutLineEnd(bytes);
    if (length > maxLineBytes) {
      bytes = truncated(event, length);
      if (bytes == null) {
        LoggingSelfMetrics.DROPPED.add(DropReason.LOKI_LINE_TOO_LONG, 1);
        return null;
      }
      length = withoutLineEnd(bytes);
      LoggingSelfMetrics.TRUNCATED.increment();
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  /**
   * The longest line, cut inside the message, that fits {@code maxLineBytes}: the line without any
   * message gives the fixed part, the rest of the budget takes as many message characters as their
   * JSON-escaped UTF-8 form allows. Redaction can still change the length, so the fit is checked
   * and the cut shortened by the excess (a few rounds at most); {@code null} if even an empty
   * message does not fit.
   */
  private byte @Nullable [] truncated(ILoggingEvent event, int originalBytes) {
    String message = event.getFormattedMessage() == null ? "" : event.getFormattedMessage();
    byte[] bare = encoder.encode(new TruncatedLineEvent(event, originalBytes, 0));
    int budget = maxLineBytes - withoutLineEnd(bare);
    if (budget < 0) {
      return null;
    }
    int cut = JsonTextBudget.charsFitting(message, budget);
    for (int round = 0; round < 8; round++) {
      byte[] bytes = encoder.encode(new TruncatedLineEvent(event, originalBytes, cut));
      int excess = withoutLineEnd(bytes) - maxLineBytes;
      if (excess <= 0) {
        return bytes;
      }
      cut = Math.max(0, cut - excess);
    }
    return null;
  }

  private static int withoutLineEnd(byte[] bytes) {
    int length = bytes.length;
    while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
      length--;
    }
    return length;
  }
}
