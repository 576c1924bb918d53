// Over 300 lines: one stage span from open to close, with the attribute and misuse rules it keeps.
package dev.pillars.tracing;

import dev.pillars.kit.Failures;
import dev.pillars.kit.Text;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One open run of a {@link Stage} (or of a pipeline's root span): its span is current until {@link
 * #close()}. Use it with try-with-resources; mark a failure with {@link #fail(Throwable)}.
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
 * closes, so no context leaks onto the thread; a scope closed on another thread ends its span and
 * leaves the opening thread's context to that thread (no thread may change another's), which
 * restores it the next time it opens or closes a stage: a stage opened there never becomes the
 * child of one that ended elsewhere. Each case is warned about (throttled) and counted in {@code
 * pillars_tracing_misuse_total}.
 *
 * <p>Whether a scope's context is current is judged by the span it holds when the objects differ,
 * so scopes close as they should where the thread context is bridged onto another storage (the
 * OpenTelemetry Java agent hands out a new {@code Context} object on each call).
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

  /** Threads whose scopes closed elsewhere are kept; past it, those of ended threads go. */
  private static final int MAX_ABANDONING_THREADS = 1024;

  /**
   * Scopes closed on another thread while their context is still current on the thread that opened
   * them; like {@link #WAITING_TOTAL}, the count keeps correct code from looking further.
   */
  private static final AtomicInteger ABANDONED_TOTAL = new AtomicInteger();

  /** Those scopes by the thread that opened them, the only one that may restore its context. */
  private static final ConcurrentHashMap<Thread, ConcurrentLinkedDeque<StageScope>> ABANDONED =
      new ConcurrentHashMap<>();

  private final Stage stage;
  private final Span span;
  private final Context context;
  private final Context parent;
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
    this.parent = parent;
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
      type = Failures.errorType(error);
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
      if (WAITING_TOTAL.get() != 0 || ABANDONED_TOTAL.get() != 0) {
        restorePending();
      }
    }
  }

  private void closedTwice() {
    stage.tracing.misuse.report(
        Misuse.Reason.CLOSED_TWICE, "stage '" + Text.printable(stage.name) + "' closed twice");
  }

  /**
   * Ends a detached scope, one closed on another thread, out of order, or while its context is
   * current under another identity (a bridged context storage such as the Java agent's).
   */
  private void closeElsewhere(long elapsed) {
    try {
      stage.record(elapsed, errorType, context);
      span.end();
    } finally {
      releaseContext();
    }
  }

  /** Gives up the thread's context now; the span stays open until {@link #close()}. */
  void detach() {
    if (scope != null && heldBy(Context.current()) && release()) {
      if (WAITING_TOTAL.get() != 0 || ABANDONED_TOTAL.get() != 0) {
        restorePending();
      }
    }
  }

  private void releaseContext() {
    if (scope == null) {
      if (Thread.currentThread() == owner
          && (WAITING_TOTAL.get() != 0 || ABANDONED_TOTAL.get() != 0)) {
        restorePending();
      }
      return;
    }
    if (Thread.currentThread() != owner) {
      stage.tracing.misuse.report(
          Misuse.Reason.CLOSED_ON_OTHER_THREAD,
          "stage '"
              + Text.printable(stage.name)
              + "' was opened on thread '"
              + owner.getName()
              + "' and closed on '"
              + Thread.currentThread().getName()
              + "'; that thread gets its context back the next time it opens or closes a stage."
              + " Use Stage.async(..) for work that ends elsewhere");
      abandon();
      return;
    }
    if (ABANDONED_TOTAL.get() != 0) {
      // a scope above this one that ended on another thread gives the context back first
      restorePending();
    }
    if (heldBy(Context.current()) && release()) {
      if (WAITING_TOTAL.get() != 0 || ABANDONED_TOTAL.get() != 0) {
        restorePending();
      }
      return;
    }
    stage.tracing.misuse.report(
        Misuse.Reason.CLOSED_OUT_OF_ORDER,
        "stage '"
            + Text.printable(stage.name)
            + "' closed before a stage opened inside it; its context is restored when that one"
            + " closes");
    waitForInner();
  }

  /** Whether {@code now} is the context this scope made current; see {@link HeldContext}. */
  boolean heldBy(Context now) {
    return HeldContext.isCurrent(now, context, span, parent);
  }

  /**
   * Closes the thread-context scope on its own thread and says whether the context really went
   * back: a storage ignores the close while a scope opened later is still current, and then the
   * scope is kept for a later try.
   */
  private boolean release() {
    Scope s = scope;
    if (s == null) {
      return true;
    }
    s.close();
    if (heldBy(Context.current())) {
      return false;
    }
    scope = null;
    return true;
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
   * Leaves this scope, ended on another thread, for its own thread to close: only that thread may
   * restore its context, which it does the next time it opens or closes a stage.
   */
  private void abandon() {
    if (ABANDONED.size() >= MAX_ABANDONING_THREADS) {
      ABANDONED.forEach(
          (thread, scopes) -> {
            if (!thread.isAlive() && ABANDONED.remove(thread, scopes)) {
              ABANDONED_TOTAL.addAndGet(-scopes.size());
            }
          });
    }
    ConcurrentLinkedDeque<StageScope> scopes =
        ABANDONED.computeIfAbsent(owner, t -> new ConcurrentLinkedDeque<>());
    if (scopes.size() >= MAX_WAITING && scopes.pollFirst() != null) {
      // a thread that never opens a stage again keeps its scopes here; give up the oldest
      ABANDONED_TOTAL.decrementAndGet();
    }
    scopes.addLast(this);
    ABANDONED_TOTAL.incrementAndGet();
  }

  /**
   * The parent of a stage opening now on this thread: the current context, once the scopes of this
   * thread that were closed elsewhere or out of order have given it back. A stage that ended on
   * another thread is never a parent: when the application keeps a scope of its own open above it,
   * the new stage goes to that stage's parent instead.
   */
  static Context parentForOpen() {
    Context now = Context.current();
    if (WAITING_TOTAL.get() == 0 && ABANDONED_TOTAL.get() == 0) {
      return now;
    }
    restorePending();
    now = Context.current();
    if (ABANDONED_TOTAL.get() == 0) {
      return now;
    }
    Thread me = Thread.currentThread();
    for (int hops = 0; hops < MAX_WAITING; hops++) {
      StageScope ended = abandonedHolding(now, me);
      if (ended == null) {
        return now;
      }
      now = ended.parent;
    }
    return now;
  }

  private static StageScope abandonedHolding(Context now, Thread me) {
    ConcurrentLinkedDeque<StageScope> mine = ABANDONED.get(me);
    if (mine != null) {
      for (StageScope a : mine) {
        if (a.heldBy(now)) {
          return a;
        }
      }
    }
    return null;
  }

  /**
   * Closes, innermost first, this thread's scopes closed out of order or on another thread whose
   * context is current again.
   */
  private static void restorePending() {
    Thread me = Thread.currentThread();
    boolean restored = true;
    while (restored) {
      restored = false;
      Context now = Context.current();
      if (WAITING_TOTAL.get() != 0) {
        ArrayDeque<StageScope> waiting = WAITING.get();
        for (Iterator<StageScope> it = waiting.descendingIterator(); it.hasNext(); ) {
          StageScope w = it.next();
          if (w.heldBy(now)) {
            if (w.release()) {
              it.remove();
              WAITING_TOTAL.decrementAndGet();
              restored = true;
            }
            break;
          }
        }
      }
      ConcurrentLinkedDeque<StageScope> mine;
      if (!restored && ABANDONED_TOTAL.get() != 0 && (mine = ABANDONED.get(me)) != null) {
        for (Iterator<StageScope> it = mine.descendingIterator(); it.hasNext(); ) {
          StageScope a = it.next();
          if (a.heldBy(now)) {
            if (a.release() && mine.remove(a)) {
              ABANDONED_TOTAL.decrementAndGet();
              restored = true;
            }
            break;
          }
        }
      }
    }
  }

  private boolean accepts(String key, String value) {
    if (state != OPEN) {
      stage.tracing.misuse.report(
          Misuse.Reason.USED_AFTER_CLOSE,
          "attribute '" + Text.printable(key) + "' set after close() on stage " + stage.name);
      return false;
    }
    if (key == null || key.isBlank() || value == null) {
      stage.tracing.misuse.report(
          Misuse.Reason.INVALID_ATTRIBUTE,
          "attribute "
              + (key == null || key.isBlank()
                  ? "key is null or blank"
                  : "'" + Text.printable(key) + "' has a null value")
              + " on stage "
              + stage.name);
      return false;
    }
    return true;
  }
}
