package dev.pillars.logging.loki;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one {@link LokiJsonAppender} handed to its pipeline and what became of it: events accepted,
 * and events settled (Loki answered 2xx, or the batch was finally given up). {@link
 * LokiJsonAppender#awaitEmpty(long)} waits until the settled count reaches the accepted count.
 */
final class LokiDeliveryCounts {

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong settled = new AtomicLong();

  void accepted() {
    accepted.incrementAndGet();
  }

  void settled(long events) {
    settled.addAndGet(events);
  }

  long acceptedSoFar() {
    return accepted.get();
  }

  long settledSoFar() {
    return settled.get();
  }

  /**
   * Counts the entries of a JSON push body ({@code {"streams":[{"stream":{..},"values":[["ns",
   * "line"],..]}]}}) without parsing it: every entry opens with {@code ["}, a sequence that cannot
   * occur elsewhere (inside a JSON string a quote is always escaped, and labels are an object). One
   * pass over the bytes, on the sender thread.
   */
  static long countEntries(ByteBuffer body) {
    ByteBuffer copy = body.duplicate();
    copy.rewind();
    long count = 0;
    byte previous = 0;
    while (copy.hasRemaining()) {
      byte b = copy.get();
      if (b == '"' && previous == '[') {
        count++;
      }
      previous = b;
    }
    return count;
  }
}
