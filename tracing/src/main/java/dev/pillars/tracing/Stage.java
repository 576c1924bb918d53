package dev.pillars.tracing;

import dev.pillars.kit.Failures;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundGauge;
import dev.pillars.metrics.BoundHistogram;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One stage of a {@link Pipeline}, its metric series bound once. Each run of the stage is a span
 * (child of the current span), a sample in {@code pipeline_stage_duration_seconds} taken inside
 * that span (so it carries the span as exemplar), a change of {@code pipeline_stages_active}, and
 * on an exception an error status, an {@code error.type} attribute, a recorded exception event and
 * a count in {@code pipeline_stage_errors_total}. The exception itself is rethrown unchanged.
 *
 * <pre>{@code
 * Stage rerank = pipeline.stage("rerank");           // keep in a field
 * List<Doc> top = rerank.get(() -> reranker.rank(query, docs));
 * rerank.run(() -> cache.warm());
 * Answer a = pipeline.stage("generate").call(() -> llm.generate(prompt)); // checked exceptions
 * CompletableFuture<Answer> f = pipeline.stage("generate").async(() -> llm.generateAsync(prompt));
 * }</pre>
 */
public final class Stage {

  static final AttributeKey<String> PIPELINE_NAME = AttributeKey.stringKey("pipeline.name");
  static final AttributeKey<String> PIPELINE_STAGE = AttributeKey.stringKey("pipeline.stage");

  final PipelineTracing tracing;
  final Pipeline pipeline;
  final String name;
  final boolean root;
  private final Attributes spanAttributes;
  private final BoundHistogram okDuration;
  private final BoundHistogram errorDuration;
  private final BoundGauge active;
  private final BoundCounter errors;

  Stage(Pipeline pipeline, String name, boolean root) {
    this.tracing = pipeline.tracing;
    this.pipeline = pipeline;
    this.name = name;
    this.root = root;
    if (root) {
      this.spanAttributes = Attributes.of(PIPELINE_NAME, pipeline.name());
      this.okDuration = null;
      this.errorDuration = null;
      this.active = null;
      this.errors = null;
    } else {
      this.spanAttributes = Attributes.of(PIPELINE_NAME, pipeline.name(), PIPELINE_STAGE, name);
      this.okDuration = tracing.duration.labels(pipeline.name(), name, "ok");
      this.errorDuration = tracing.duration.labels(pipeline.name(), name, "error");
      this.active = tracing.active.labels(pipeline.name(), name);
      this.errors = tracing.errors.labels(pipeline.name(), name);
      errors.increment(0); // issue 10 item 6: the first error must show in increase(..)
    }
  }

  /** The stage's name, the {@code stage} label of its metrics and the name of its spans. */
  public String name() {
    return name;
  }

  /**
   * Opens the stage: starts its span as a child of the current one and makes it current. Close the
   * scope on the same thread, best with try-with-resources; call {@link StageScope#fail} from a
   * catch block to mark an error (the lambda forms do it for you).
   *
   * <pre>{@code
   * try (StageScope s = stage.open()) {
   *   s.attribute("retrieval.k", 5);
   *   docs = store.search(query, 5);
   * } // a catch block would call s.fail(e) and rethrow
   * }</pre>
   */
  public StageScope open() {
    Context parent = StageScope.parentForOpen();
    Span span =
        tracing
            .tracer
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(spanAttributes)
            .startSpan();
    if (active != null) {
      active.increment();
    }
    return new StageScope(this, span, parent, System.nanoTime());
  }

  /** Runs {@code body} as this stage; its exceptions mark the stage failed and pass unchanged. */
  public void run(Runnable body) {
    if (body == null) {
      tracing.misuse.report(Misuse.Reason.NULL_BODY, "run(null) on stage " + name);
      return;
    }
    StageScope scope = open();
    try {
      body.run();
    } catch (Throwable t) {
      scope.fail(t);
      throw t;
    } finally {
      scope.close();
    }
  }

  /** Runs {@code body} as this stage and returns its result; exceptions pass unchanged. */
  public <T> T get(Supplier<T> body) {
    if (body == null) {
      tracing.misuse.report(Misuse.Reason.NULL_BODY, "get(null) on stage " + name);
      return null;
    }
    StageScope scope = open();
    try {
      return body.get();
    } catch (Throwable t) {
      scope.fail(t);
      throw t;
    } finally {
      scope.close();
    }
  }

  /** Runs {@code body} as this stage; checked exceptions too pass through unchanged. */
  public <T> T call(Callable<T> body) throws Exception {
    if (body == null) {
      tracing.misuse.report(Misuse.Reason.NULL_BODY, "call(null) on stage " + name);
      return null;
    }
    StageScope scope = open();
    try {
      return body.call();
    } catch (Throwable t) {
      scope.fail(t);
      throw t;
    } finally {
      scope.close();
    }
  }

  /**
   * Runs an asynchronous stage: {@code body} starts the work with this stage's span current (so
   * work it submits through a {@link TracePropagation#wrap context-wrapping executor} stays its
   * child), and the stage ends when the returned future completes. A failed future marks the stage
   * failed with the underlying cause; the returned future completes as the one {@code body} gave.
   *
   * <pre>{@code
   * CompletableFuture<List<Doc>> docs =
   *     retrieve.async(() -> CompletableFuture.supplyAsync(() -> store.search(q, 5), tracedPool));
   * }</pre>
   */
  public <T> CompletableFuture<T> async(Supplier<? extends CompletionStage<T>> body) {
    if (body == null) {
      tracing.misuse.report(Misuse.Reason.NULL_BODY, "async(null) on stage " + name);
      return CompletableFuture.completedFuture(null);
    }
    StageScope scope = open();
    CompletionStage<T> started;
    try {
      started = body.get();
    } catch (Throwable t) {
      scope.fail(t);
      scope.close();
      throw t;
    }
    scope.detach();
    if (started == null) {
      scope.close();
      return CompletableFuture.completedFuture(null);
    }
    return started
        .toCompletableFuture()
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                scope.fail(Failures.unwrap(error));
              }
              scope.close();
            });
  }

  /** Called once per opened scope; {@code context} holds its span, the samples' exemplar. */
  void record(long nanos, String errorType, Context context) {
    if (root) {
      return;
    }
    active.decrement();
    if (errorType == null) {
      okDuration.recordNanos(nanos, context);
    } else {
      errorDuration.recordNanos(nanos, context);
      errors.increment();
    }
  }
}
