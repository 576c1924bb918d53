package dev.pillars.langchain4j;

import io.opentelemetry.context.Context;

/**
 * What one thread hands to the next callback on the same thread. LangChain4j calls a listener's
 * {@code onRequest}, a sync model's HTTP attempts and the AI-service events that precede a request
 * on one thread, but passes nothing between them.
 */
final class InFlight {

  /** The call whose HTTP attempts run on this thread (set by onRequest). */
  private static final ThreadLocal<CallState> CALL = new ThreadLocal<>();

  /** The chunk sink of a wrapped streaming model, waiting for the call onRequest opens. */
  private static final ThreadLocal<StreamSink> SINK = new ThreadLocal<>();

  /** The AI-service invocation the next request on this thread belongs to. */
  private static final ThreadLocal<Invocation> INVOCATION = new ThreadLocal<>();

  private InFlight() {}

  static void callStarted(CallState state) {
    CALL.set(state);
  }

  static CallState call() {
    return CALL.get();
  }

  static void callDone(CallState state) {
    if (CALL.get() == state) {
      CALL.remove();
    }
  }

  static void offerSink(StreamSink sink) {
    SINK.set(sink);
  }

  static StreamSink takeSink() {
    StreamSink s = SINK.get();
    if (s != null) {
      SINK.remove();
    }
    return s;
  }

  static void requestIssued(Invocation invocation) {
    INVOCATION.set(invocation);
  }

  /** The open invocation the request belongs to, if one was announced on this thread. */
  static Context takeInvocationContext() {
    Invocation i = INVOCATION.get();
    if (i == null) {
      return null;
    }
    INVOCATION.remove();
    return i.ended() ? null : i.context;
  }

  static void invocationEnded(Invocation invocation) {
    if (INVOCATION.get() == invocation) {
      INVOCATION.remove();
    }
  }
}
