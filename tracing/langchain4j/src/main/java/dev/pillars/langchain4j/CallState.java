package dev.pillars.langchain4j;

import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.llm.LlmCall;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model call in flight, kept in the call's listener attributes: its {@link LlmCall}, whether it
 * has ended (LangChain4j reports a stream cut midway with {@code onError} and then {@code
 * onResponse}: the first terminal event wins) and its HTTP attempts.
 */
final class CallState {

  final LlmCall call;
  final Thread requestThread;
  final boolean streamWrapped;
  private final BoundCounter retries;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicInteger attempts = new AtomicInteger();

  CallState(LlmCall call, boolean streamWrapped, BoundCounter retries) {
    this.call = call;
    this.requestThread = Thread.currentThread();
    this.streamWrapped = streamWrapped;
    this.retries = retries;
  }

  /** True for the first terminal event only. */
  boolean claimEnd() {
    return ended.compareAndSet(false, true);
  }

  boolean ended() {
    return ended.get();
  }

  /** One HTTP attempt of this call; each after the first is a retry. */
  void attempt() {
    if (!ended() && attempts.incrementAndGet() > 1) {
      retries.increment();
    }
  }

  /** HTTP attempts beyond the first, 0 when the HTTP client is not Pillars'. */
  int resends() {
    return Math.max(0, attempts.get() - 1);
  }
}
