package dev.pillars.examples.rag;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider's simulated per-minute rate limit: requests and tokens used in the current window,
 * reset when the minute is over. Thread-safe; approximate at the window boundary, as real provider
 * headers are.
 */
final class RateLimitWindow {

  private static final long WINDOW_NANOS = 60_000_000_000L;

  private final long requestLimit;
  private final long tokenLimit;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong tokens = new AtomicLong();

  RateLimitWindow(long requestLimit, long tokenLimit) {
    this.requestLimit = requestLimit;
    this.tokenLimit = tokenLimit;
  }

  /** Takes one request from the window; false when none is left. */
  boolean tryAcquire() {
    roll();
    return requests.incrementAndGet() <= requestLimit;
  }

  void spendTokens(long n) {
    tokens.addAndGet(n);
  }

  long remainingRequests() {
    roll();
    return Math.max(0, requestLimit - requests.get());
  }

  long remainingTokens() {
    roll();
    return Math.max(0, tokenLimit - tokens.get());
  }

  private void roll() {
    long start = windowStart.get();
    long now = System.nanoTime();
    if (now - start >= WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
      requests.set(0);
      tokens.set(0);
    }
  }
}
