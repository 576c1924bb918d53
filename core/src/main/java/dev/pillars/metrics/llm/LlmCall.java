// Over 300 lines: one call from start to end (marks, chunks, its four ends) and its nested Opener.
package dev.pillars.metrics.llm;

import dev.pillars.kit.Failures;
import dev.pillars.kit.Text;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.Function;

/**
 * One call to a generative-AI model, recorded once: a CLIENT span named {@code "{operation}
 * {model}"} with the OpenTelemetry GenAI attributes, and at its end the duration, token usage, cost
 * (or an unpriced call) and, when it failed, its error, in the metrics {@link LlmMetrics} lists.
 * Open one per call from {@link LlmMetrics#call}.
 *
 * <pre>{@code
 * // plain
 * try (LlmCall call = llm.call("openai", "gpt-4o").start()) {
 *   Reply r = client.send(prompt);
 *   call.recordUsage(TokenUsage.of(r.promptTokens(), r.completionTokens())
 *       .withCacheRead(r.cachedTokens()));
 * }
 *
 * // streaming: marks are safe from any thread, such as the client's callback thread
 * LlmCall call = llm.call("anthropic", "claude-sonnet-4").start();
 * client.stream(prompt, new Handler() {
 *   public void onChunk(String text) { call.chunk(); }        // the first one is time to first chunk
 *   public void onComplete(Usage u) { call.recordUsage(TokenUsage.anthropic(u.in(), u.out(),
 *       u.cacheRead(), u.cacheWrite())); call.end(); }
 *   public void onError(Throwable e) { call.fail(e); }          // what it got so far is kept
 * });
 *
 * // asynchronous: the call ends when the stage completes
 * CompletableFuture<Reply> reply = llm.call("openai", "gpt-4o")
 *     .async(c -> client.sendAsync(prompt).thenApply(r -> { c.recordUsage(r.in(), r.out()); return r; }));
 * }</pre>
 *
 * <p>The span is not made current by {@link Opener#start()}, so a call may end on any thread;
 * {@link #makeCurrent()} makes it current where you want child spans or trace ids in logs. Every
 * method is safe to call from any thread and never throws: bad input (negative or absurd token
 * counts, a chunk after the end, a second first-chunk mark, ending twice) is repaired or ignored,
 * counted in {@code pillars_llm_misuse_total{reason}} and warned about (throttled). Prompts and
 * completions are recorded only when content capture is on ({@link
 * LlmMetrics.Builder#captureContent}).
 */
public final class LlmCall implements AutoCloseable {

  /** The most tokens one call may report for one kind; more is treated as unknown. */
  public static final long MAX_TOKENS = UsageRepair.MAX_TOKENS;

  private static final String CANCELLED = CancellationException.class.getName();

  private static final AtomicIntegerFieldUpdater<LlmCall> STATE =
      AtomicIntegerFieldUpdater.newUpdater(LlmCall.class, "state");
  private static final AtomicIntegerFieldUpdater<LlmCall> CLOSED =
      AtomicIntegerFieldUpdater.newUpdater(LlmCall.class, "closed");
  private static final AtomicLongFieldUpdater<LlmCall> FIRST_CHUNK =
      AtomicLongFieldUpdater.newUpdater(LlmCall.class, "firstChunkNanos");
  private static final AtomicLongFieldUpdater<LlmCall> LAST_CHUNK =
      AtomicLongFieldUpdater.newUpdater(LlmCall.class, "lastChunkNanos");
  private static final int OPEN = 0;
  private static final int ENDED = 1;

  /** No chunk yet: 0, the fields' default, so that opening a call writes no volatile field. */
  private static final long NO_CHUNK = 0;

  private final LlmRecorder recorder;
  private final ModelSeries series;
  private final QueryTally query;
  private final Span span;
  private final Context context;
  private final long startNanos;
  private volatile int state;
  private volatile int closed;
  private volatile long firstChunkNanos;
  private volatile long lastChunkNanos;

  /** Null until usage is recorded. */
  private volatile TokenUsage usage;

  /** Written before {@link #costKnown}, read after it. */
  private double cost;

  private volatile boolean costKnown;

  private LlmCall(
      LlmRecorder recorder,
      ModelSeries series,
      QueryTally query,
      Span span,
      Context context,
      long start) {
    this.recorder = recorder;
    this.series = series;
    this.query = query;
    this.span = span;
    this.context = context;
    this.startNanos = start;
  }

  /** The span of this call. */
  public Span span() {
    return span;
  }

  /** The context holding this call's span, to hand to work that runs elsewhere. */
  public Context context() {
    return context;
  }

  /**
   * Makes the call's span current on this thread until the scope closes, so spans opened inside (an
   * HTTP client's, say) are its children and log lines carry its trace id.
   *
   * <pre>{@code
   * try (LlmCall call = opener.start(); Scope s = call.makeCurrent()) { ... }
   * }</pre>
   */
  public Scope makeCurrent() {
    return context.makeCurrent();
  }

  /** Records input and output tokens; see {@link #recordUsage(TokenUsage)}. */
  public LlmCall recordUsage(long inputTokens, long outputTokens) {
    return recordUsage(TokenUsage.of(inputTokens, outputTokens));
  }

  /**
   * Records the tokens the call used, as the provider reported them; a later report replaces an
   * earlier one (streaming providers send the total at the end). Recorded on the span and in the
   * metrics when the call ends. Negative counts (other than -1, unknown) and counts above {@link
   * #MAX_TOKENS} are recorded as unknown; cache tokens above the input, or reasoning above the
   * output, raise the total to match. Each is counted and warned about.
   */
  public LlmCall recordUsage(TokenUsage usage) {
    if (state != OPEN) {
      recorder.misuse.report(
          LlmMisuse.Reason.USED_AFTER_END, "recordUsage(..) after the end of " + this);
      return this;
    }
    this.usage =
        UsageRepair.repaired(usage == null ? TokenUsage.UNKNOWN : usage, recorder.misuse, this);
    return this;
  }

  /** The model that actually answered, {@code gen_ai.response.model}. */
  public LlmCall responseModel(String responseModel) {
    if (responseModel != null && !responseModel.isBlank() && open("responseModel(..)")) {
      span.setAttribute(GenAiAttributes.RESPONSE_MODEL, fit(responseModel));
    }
    return this;
  }

  /**
   * Why the model stopped ({@code stop}, {@code length}, ...), {@code
   * gen_ai.response.finish_reasons}.
   */
  public LlmCall finishReason(String reason) {
    if (reason != null && !reason.isBlank() && open("finishReason(..)")) {
      span.setAttribute(GenAiAttributes.FINISH_REASONS, List.of(fit(reason)));
    }
    return this;
  }

  /** The prompt, recorded only when content capture is on. */
  public LlmCall prompt(String prompt) {
    if (recorder.captureContent && prompt != null && open("prompt(..)")) {
      span.setAttribute(GenAiAttributes.INPUT_MESSAGES, fit(MessageJson.of("user", prompt)));
    }
    return this;
  }

  /** The completion, recorded only when content capture is on. */
  public LlmCall completion(String completion) {
    if (recorder.captureContent && completion != null && open("completion(..)")) {
      span.setAttribute(
          GenAiAttributes.OUTPUT_MESSAGES, fit(MessageJson.of("assistant", completion)));
    }
    return this;
  }

  /**
   * Marks the first chunk of a streamed response: records {@code
   * gen_ai.client.operation.time_to_first_chunk} now and {@code
   * gen_ai.response.time_to_first_chunk} on the span. A second mark is ignored (counted); later
   * chunks go to {@link #chunk()}.
   */
  public LlmCall firstChunk() {
    if (state != OPEN) {
      recorder.misuse.report(
          LlmMisuse.Reason.CHUNK_AFTER_END, "firstChunk() after the end of " + this);
      return this;
    }
    long now = chunkTime();
    if (!FIRST_CHUNK.compareAndSet(this, NO_CHUNK, now)) {
      recorder.misuse.report(
          LlmMisuse.Reason.FIRST_CHUNK_TWICE, "firstChunk() marked twice on " + this);
      return this;
    }
    firstChunkArrived(now);
    return this;
  }

  /**
   * Marks a chunk of a streamed response. The first chunk marked (by this or {@link #firstChunk()})
   * is the time to first chunk; each later one records {@code
   * gen_ai.client.operation.time_per_output_chunk}, the time since the chunk before it.
   */
  public LlmCall chunk() {
    if (state != OPEN) {
      recorder.misuse.report(LlmMisuse.Reason.CHUNK_AFTER_END, "chunk() after the end of " + this);
      return this;
    }
    long now = chunkTime();
    if (firstChunkNanos == NO_CHUNK && FIRST_CHUNK.compareAndSet(this, NO_CHUNK, now)) {
      firstChunkArrived(now);
      return this;
    }
    long previous = LAST_CHUNK.getAndSet(this, now);
    if (previous == NO_CHUNK) {
      previous = firstChunkNanos;
    }
    long gap = now - previous;
    series.timePerOutputChunk.recordNanos(gap < 0 ? 0 : gap, context);
    return this;
  }

  /** The clock, moved off the no-chunk value 0 should it read exactly that. */
  private long chunkTime() {
    long now = recorder.clock.getAsLong();
    return now == NO_CHUNK ? 1 : now;
  }

  private void firstChunkArrived(long now) {
    LAST_CHUNK.compareAndSet(this, NO_CHUNK, now);
    long elapsed = now - startNanos;
    series.timeToFirstChunk.recordNanos(elapsed < 0 ? 0 : elapsed, context);
  }

  /** Ends the call as a success: records its span and metrics. */
  public void end() {
    if (STATE.compareAndSet(this, OPEN, ENDED)) {
      finish(null);
    } else {
      recorder.misuse.report(LlmMisuse.Reason.ENDED_TWICE, "end() after the end of " + this);
    }
  }

  /**
   * Ends the call as a failure: span status ERROR, {@code error.type} (the exception's fully
   * qualified class name) on the span and the duration, the exception as a span event, a count in
   * {@code llm_errors_total}; usage recorded so far (a stream's partial usage) is kept. Does not
   * throw; rethrow {@code error} yourself.
   */
  public void fail(Throwable error) {
    if (!STATE.compareAndSet(this, OPEN, ENDED)) {
      recorder.misuse.report(LlmMisuse.Reason.ENDED_TWICE, "fail(..) after the end of " + this);
      return;
    }
    String type;
    if (error == null) {
      recorder.misuse.report(LlmMisuse.Reason.NULL_ERROR, "fail(null) on " + this);
      type = ModelSeries.OTHER_ERROR;
    } else {
      type = Failures.errorType(error);
      span.recordException(error);
    }
    finish(type);
  }

  /**
   * Ends a call the caller gave up on (a stream cancelled midway) as a failure with {@code
   * error.type} {@code java.util.concurrent.CancellationException}; what it got is kept.
   */
  public void cancel() {
    if (STATE.compareAndSet(this, OPEN, ENDED)) {
      finish(CANCELLED);
    } else {
      recorder.misuse.report(LlmMisuse.Reason.ENDED_TWICE, "cancel() after the end of " + this);
    }
  }

  /**
   * Ends the call as a success unless {@link #end()}, {@link #fail} or {@link #cancel()} already
   * ended it, for try-with-resources. A second {@code close()} is ignored (counted).
   */
  @Override
  public void close() {
    if (!CLOSED.compareAndSet(this, 0, 1)) {
      recorder.misuse.report(LlmMisuse.Reason.CLOSED_TWICE, "close() twice on " + this);
      return;
    }
    if (STATE.compareAndSet(this, OPEN, ENDED)) {
      finish(null);
    }
  }

  /**
   * The call's cost in the price table's currency, once it ended; empty while it runs, when its
   * model has no price, or when no usage was recorded. Never a made-up 0.
   */
  public OptionalDouble cost() {
    return costKnown ? OptionalDouble.of(cost) : OptionalDouble.empty();
  }

  /** The usage recorded so far (repaired where it had to be). */
  public TokenUsage usage() {
    TokenUsage u = usage;
    return u == null ? TokenUsage.UNKNOWN : u;
  }

  /** Whether the call has ended. */
  public boolean ended() {
    return state != OPEN;
  }

  @Override
  public String toString() {
    return "LLM call '" + Text.printable(series.spanName) + "'";
  }

  /** Ends the call if nothing else did, without complaint: for {@link Opener#async}. */
  void endQuietly(Throwable error) {
    if (state == OPEN) {
      if (error == null) {
        if (STATE.compareAndSet(this, OPEN, ENDED)) {
          finish(null);
        }
      } else {
        fail(error);
      }
    }
  }

  private void finish(String errorType) {
    long elapsed = recorder.clock.getAsLong() - startNanos;
    if (elapsed < 0) {
      elapsed = 0;
    }
    TokenUsage u = usage();
    if (errorType == null) {
      series.okDuration.recordNanos(elapsed, context);
    } else {
      series.failedDuration(errorType).recordNanos(elapsed, context);
      series.errors.increment();
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(GenAiAttributes.ERROR_TYPE, errorType);
    }
    series.recordUsage(u, span, context);
    long first = firstChunkNanos;
    if (first != NO_CHUNK) {
      span.setAttribute(GenAiAttributes.TIME_TO_FIRST_CHUNK, Math.max(0, first - startNanos) / 1e9);
    }
    double c = series.recordCost(u);
    if (!Double.isNaN(c)) {
      cost = c;
      costKnown = true;
    }
    span.end();
    if (query != null) {
      query.callEnded(c, series.price == null && u.usedTokens(), errorType != null);
    }
  }

  private boolean open(String what) {
    if (state == OPEN) {
      return true;
    }
    recorder.misuse.report(LlmMisuse.Reason.USED_AFTER_END, what + " after the end of " + this);
    return false;
  }

  private String fit(String value) {
    return Text.cut(value, recorder.maxContentLength);
  }

  /**
   * Describes a call before it starts: its model, provider and operation, bound to their series.
   * Immutable; get one from {@link LlmMetrics#call} or {@link RagQuery#llmCall} and keep it in a
   * field where calls are many.
   */
  public static final class Opener {
    private final LlmRecorder recorder;
    private final ModelSeries series;
    private final QueryTally query;

    Opener(LlmRecorder recorder, ModelSeries series, QueryTally query) {
      this.recorder = recorder;
      this.series = series;
      this.query = query;
    }

    /**
     * The same call with {@code gen_ai.operation.name} {@code operation} (chat, embeddings, ...).
     */
    public Opener operation(String operation) {
      return new Opener(recorder, recorder.series(operation, series.provider, series.model), query);
    }

    /**
     * Starts the call now: its span starts as a child of the current context (not made current).
     * End it with {@link LlmCall#end()}, {@link LlmCall#fail}, or try-with-resources.
     */
    public LlmCall start() {
      Context parent = Context.current();
      long start = recorder.clock.getAsLong();
      Span span =
          recorder
              .tracer
              .spanBuilder(series.spanName)
              .setParent(parent)
              .setSpanKind(SpanKind.CLIENT)
              .setAllAttributes(series.spanAttributes)
              .startSpan();
      return new LlmCall(recorder, series, query, span, parent.with(span), start);
    }

    /**
     * Runs an asynchronous call: {@code body} starts it with the call's span current and returns
     * its stage; the call ends when the stage completes (failed with the underlying cause when it
     * fails), unless {@code body} ended it already. The returned future completes as the stage.
     *
     * <pre>{@code
     * CompletableFuture<Reply> reply = llm.call("openai", "gpt-4o").async(c ->
     *     client.sendAsync(prompt).thenApply(r -> { c.recordUsage(r.in(), r.out()); return r; }));
     * }</pre>
     */
    public <T> CompletableFuture<T> async(
        Function<? super LlmCall, ? extends CompletionStage<T>> body) {
      LlmCall call = start();
      if (body == null) {
        recorder.misuse.report(LlmMisuse.Reason.NULL_BODY, "async(null) on " + call);
        call.fail(new NullPointerException("body"));
        return CompletableFuture.completedFuture(null);
      }
      CompletionStage<T> stage;
      try (Scope ignored = call.makeCurrent()) {
        stage = body.apply(call);
      } catch (RuntimeException | Error e) {
        call.endQuietly(e);
        throw e;
      }
      if (stage == null) {
        call.endQuietly(null);
        return CompletableFuture.completedFuture(null);
      }
      return stage
          .toCompletableFuture()
          .whenComplete(
              (value, error) -> call.endQuietly(error == null ? null : Failures.unwrap(error)));
    }
  }
}
