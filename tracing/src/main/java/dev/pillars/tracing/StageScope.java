package dev.pillars.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One open run of a {@link Stage} (or of a pipeline's root span): its span is current until
 * {@link #close()}. Use it with try-with-resources; mark a failure with {@link #fail(Throwable)}.
 *
 * <pre>{@code
 * try (StageScope s = pipeline.open("critique")) {
 *   s.attribute("paper.length", paper.length());
 *   try {
 *     critique = llm.critique(summary);
 *   } catch (RuntimeException e) {
 *     s.fail(e); // the lambda forms of Stage do this for you
 *     throw e;
 *   }
 * }
 * }</pre>
 *
 * <p>Misuse never throws: a second {@code close()} is ignored; a scope closed while a stage opened
 * inside it is still open ends its span now and restores the outer context once the inner one
 * closes, so no context leaks onto the thread; a scope closed on another thread ends its span but
 * leaves the opening thread's context alone. Each case is warned about (throttled) and counted in
 * {@code pillars_tracing_misuse_total}.
 */
public final class StageScope implements AutoCloseable {

  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final AtomicIntegerFieldUpdater<StageScope> STATE =
      AtomicIntegerFieldUpdater.newUpdater(StageScope.class, "state");
  private static final int OPEN = 0;
  private static final int ENDED = 1;
  /** How many scopes a thread keeps waiting for an inner one; older ones are given up. */
  private static final int MAX_WAITING = 64;
  /**
   * Scopes closed out of order, on every thread, whose context is not yet restored. While it is
   * zero (always, in correct code) closing a scope looks at no other state than its own.
   */
  private static final AtomicInteger WAITING_TOTAL = new AtomicInteger();
  /** This thread's scopes closed out of order, waiting for the stages opened inside them. */
  private static final ThreadLocal<ArrayDeque<StageScope>> WAITING =
      ThreadLocal.withInitial(ArrayDeque::new);

  private final Stage stage;
  private final Span span;
  private final Context context;
  private final Thread owner;
  private final long startNanos;
  private Scope scope;
  private volatile int state;
  private volatile String errorType;

  StageScope(Stage stage, Span span, Context parent, long startNanos) {
    this.stage = stage;
    this.span = span;
    this.startNanos = startNanos;
    this.owner = Thread.currentThread();
    this.context = parent.with(span);
    this.scope = context.makeCurrent();
  }

  /** The span of this stage, for what the scope does not cover (events, links). */
  public Span span() {
    return span;
  }

  /** The context holding this stage's span, to hand to work that runs elsewhere. */
  public Context context() {
    return context;
  }

  /** Sets a string attribute on the span; null keys and values are ignored, long values cut. */
  public StageScope attribute(String key, String value) {
    if (accepts(key, value)) {
      span.setAttribute(key, AttributeValues.fit(value, stage.tracing));
    }
    return this;
  }

  /** Sets a long attribute on the span. */
  public StageScope attribute(String key, long value) {
    if (accepts(key, "")) {
      span.setAttribute(key, value);
    }
    return this;
  }

  /** Sets a double attribute on the span. */
  public StageScope attribute(String key, double value) {
    if (accepts(key, "")) {
      span.setAttribute(key, value);
    }
    return this;
  }

  /** Sets a boolean attribute on the span. */
  public StageScope attribute(String key, boolean value) {
    if (accepts(key, "")) {
      span.setAttribute(key, value);
    }
    return this;
  }

  /**
   * Marks the stage failed: span status ERROR, attribute {@code error.type} (the exception's class
   * name), the exception recorded as an event, and the stage counted in {@code
   * pipeline_stage_errors_total}. Does not throw; rethrow {@code error} yourself.
   */
  public StageScope fail(Throwable error) {
    if (state != OPEN) {
      stage.tracing.misuse.report(
          Misuse.Reason.USED_AFTER_CLOSE, "fail() after close() on stage " + stage.name);
      return this;
    }
    String type;
    if (error == null) {
      stage.tracing.misuse.report(
          Misuse.Reason.INVALID_ATTRIBUTE, "fail(null) on stage " + stage.name);
      type = "_OTHER";
    } else {
      type = error.getClass().getName();
      span.recordException(error);
    }
    span.setStatus(StatusCode.ERROR);
    span.setAttribute(ERROR_TYPE, type);
    errorType = type;
    return this;
  }

  /**
   * Ends the stage: records its duration in the stage's context (so the histogram sample carries
   * the span as exemplar, on whatever thread this runs), ends the span and restores the context
   * that was current when it opened. Safe to call twice; the second call is ignored and warned
   * about.
   */
  @Override
  public void close() {
    if (!STATE.compareAndSet(this, OPEN, ENDED)) {
      closedTwice();
      return;
    }
    long elapsed = System.nanoTime() - startNanos;
    Scope s = scope;
    if (s == null || Context.current() != context || Thread.currentThread() != owner) {
      closeElsewhere(elapsed);
      return;
    }
    // the common case: closed on its thread while its own context is current
    try {
      stage.record(elapsed, errorType, context);
      span.end();
    } finally {
      scope = null;
      s.close();
      if (WAITING_TOTAL.get() != 0) {
        restoreWaiting();
      }
    }
  }

  private void closedTwice() {
    stage.tracing.misuse.report(
        Misuse.Reason.CLOSED_TWICE, "stage '" + Misuse.printable(stage.name) + "' closed twice");
  }

  /** Ends a detached scope, or one closed out of order or on another thread. */
  private void closeElsewhere(long elapsed) {
    try {
      stage.record(elapsed, errorType, context);
      span.end();
    } finally {
      releaseContext(Context.current() == context);
    }
  }

  /** Gives up the thread's context now; the span stays open until {@link #close()}. */
  void detach() {
    Scope s = scope;
    if (s != null && Context.current() == context) {
      scope = null;
      s.close();
      if (WAITING_TOTAL.get() != 0) {
        restoreWaiting();
      }
    }
  }

  private void releaseContext(boolean current) {
    Scope s = scope;
    if (s == null) {
      return;
    }
    if (Thread.currentThread() != owner) {
      stage.tracing.misuse.report(
          Misuse.Reason.CLOSED_ON_OTHER_THREAD,
          "stage '" + Misuse.printable(stage.name) + "' was opened on thread '" + owner.getName()
              + "' and closed on '" + Thread.currentThread().getName()
              + "'; use Stage.async(..) for work that ends elsewhere");
      return;
    }
    if (!current) {
      stage.tracing.misuse.report(
          Misuse.Reason.CLOSED_OUT_OF_ORDER,
          "stage '" + Misuse.printable(stage.name)
              + "' closed before a stage opened inside it; its context is restored when that one"
              + " closes");
      waitForInner();
      return;
    }
    scope = null;
    s.close();
    if (WAITING_TOTAL.get() != 0) {
      restoreWaiting();
    }
  }

  /** Parks this ended scope until the context it made current is current again. */
  private void waitForInner() {
    ArrayDeque<StageScope> waiting = WAITING.get();
    if (waiting.size() >= MAX_WAITING) {
      // an inner stage that is never closed keeps its outers waiting; give up the oldest
      waiting.pollFirst().scope = null;
      WAITING_TOTAL.decrementAndGet();
    }
    waiting.addLast(this);
    WAITING_TOTAL.incrementAndGet();
  }

  /**
   * Closes, innermost first, the scopes closed out of order whose context is current again now
   * that the stage opened inside them has closed.
   */
  private static void restoreWaiting() {
    ArrayDeque<StageScope> waiting = WAITING.get();
    boolean restored = true;
    while (restored && !waiting.isEmpty()) {
      restored = false;
      Context now = Context.current();
      for (Iterator<StageScope> it = waiting.descendingIterator(); it.hasNext(); ) {
        StageScope w = it.next();
        if (w.context == now) {
          it.remove();
          WAITING_TOTAL.decrementAndGet();
          Scope s = w.scope;
          w.scope = null;
          s.close();
          restored = true;
          break;
        }
      }
    }
  }

  private boolean accepts(String key, String value) {
    if (state != OPEN) {
      stage.tracing.misuse.report(
          Misuse.Reason.USED_AFTER_CLOSE,
          "attribute '" + Misuse.printable(key) + "' set after close() on stage " + stage.name);
      return false;
    }
    if (key == null || key.isBlank() || value == null) {
      stage.tracing.misuse.report(
          Misuse.Reason.INVALID_ATTRIBUTE,
          "attribute " + (key == null || key.isBlank() ? "key is null or blank" : "'"
              + Misuse.printable(key) + "' has a null value") + " on stage " + stage.name);
      return false;
    }
    return true;
  }
}
