package dev.pillars.langchain4j;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One AI-service invocation: its {@code invoke_agent} span, and for a synchronous method the scope
 * that keeps it current on the invoking thread until the method returns.
 */
final class Invocation {

  final Span span;
  final Context context;
  private final Thread owner;
  private final Scope scope;
  private final AtomicBoolean ended = new AtomicBoolean();

  Invocation(Span span, Context context, boolean makeCurrent) {
    this.span = span;
    this.context = context;
    this.owner = Thread.currentThread();
    this.scope = makeCurrent ? context.makeCurrent() : null;
  }

  boolean ended() {
    return ended.get();
  }

  /** Ends the span once; {@code error} null for success. */
  boolean end(Throwable error) {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    // a scope can only be closed on its own thread; a sync invocation ends there
    if (scope != null && Thread.currentThread() == owner) {
      scope.close();
    }
    if (error != null) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(Attributes.ERROR_TYPE, error.getClass().getName());
      span.recordException(error);
    }
    span.end();
    InFlight.invocationEnded(this);
    return true;
  }
}
