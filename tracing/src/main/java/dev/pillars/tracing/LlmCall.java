package dev.pillars.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call to a generative-AI model as a CLIENT span named {@code "{operation} {model}"}, with the
 * OpenTelemetry GenAI attributes ({@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 * {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code gen_ai.usage.input_tokens},
 * {@code gen_ai.usage.output_tokens}) and the GenAI client metrics {@code
 * gen_ai_client_operation_duration_seconds} and {@code gen_ai_client_token_usage}.
 *
 * <pre>{@code
 * try (LlmCall call = tracing.llmCall("chat", "anthropic", "claude-sonnet-4-20250514")) {
 *   call.prompt(prompt);                   // kept only when content capture is on
 *   Reply reply = client.send(prompt);
 *   call.usage(reply.inputTokens(), reply.outputTokens()).completion(reply.text());
 * }
 * }</pre>
 *
 * <p>Prompts and completions are dropped unless content capture was opted in ({@link
 * PipelineTracing.Builder#captureContent(boolean)}): they may hold personal data. When on, they
 * go to {@code gen_ai.input.messages} and {@code gen_ai.output.messages} as the conventions' JSON
 * message lists. Like stages, a call never throws: misuse is warned about and counted.
 */
public final class LlmCall implements AutoCloseable {

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<String> INPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES =
      AttributeKey.stringKey("gen_ai.output.messages");

  private final PipelineTracing tracing;
  private final String operation;
  private final String provider;
  private final String model;
  private final Span span;
  private final Context context;
  private final Scope scope;
  private final long startNanos;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String errorType;
  private volatile long inputTokens = -1;
  private volatile long outputTokens = -1;

  private LlmCall(PipelineTracing tracing, String operation, String provider, String model) {
    this.tracing = tracing;
    this.operation = operation;
    this.provider = provider;
    this.model = model;
    this.span =
        tracing
            .tracer
            .spanBuilder(operation + " " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(OPERATION, operation)
            .setAttribute(PROVIDER, provider)
            .setAttribute(REQUEST_MODEL, model)
            .startSpan();
    this.context = Context.current().with(span);
    this.scope = context.makeCurrent();
    this.startNanos = System.nanoTime();
  }

  static LlmCall open(PipelineTracing tracing, String operation, String provider, String model) {
    return new LlmCall(
        tracing,
        Names.clean(operation, tracing.misuse, "gen_ai operation"),
        Names.clean(provider, tracing.misuse, "gen_ai provider"),
        Names.clean(model, tracing.misuse, "gen_ai model"));
  }

  /** The span of this call. */
  public Span span() {
    return span;
  }

  /** Token usage as the provider reported it; negative values are ignored. */
  public LlmCall usage(long inputTokens, long outputTokens) {
    if (inputTokens >= 0) {
      this.inputTokens = inputTokens;
      span.setAttribute(INPUT_TOKENS, inputTokens);
    }
    if (outputTokens >= 0) {
      this.outputTokens = outputTokens;
      span.setAttribute(OUTPUT_TOKENS, outputTokens);
    }
    if (inputTokens < 0 || outputTokens < 0) {
      tracing.misuse.report(
          Misuse.Reason.INVALID_ATTRIBUTE, "negative token count on LLM call " + model);
    }
    return this;
  }

  /** The model that actually answered, {@code gen_ai.response.model}. */
  public LlmCall responseModel(String responseModel) {
    if (responseModel != null && !responseModel.isBlank()) {
      span.setAttribute(RESPONSE_MODEL, AttributeValues.fit(responseModel, tracing));
    }
    return this;
  }

  /** The prompt, recorded only when content capture is on. */
  public LlmCall prompt(String prompt) {
    if (tracing.captureContent && prompt != null) {
      span.setAttribute(
          INPUT_MESSAGES, AttributeValues.fit(MessageJson.of("user", prompt), tracing));
    }
    return this;
  }

  /** The completion, recorded only when content capture is on. */
  public LlmCall completion(String completion) {
    if (tracing.captureContent && completion != null) {
      span.setAttribute(
          OUTPUT_MESSAGES, AttributeValues.fit(MessageJson.of("assistant", completion), tracing));
    }
    return this;
  }

  /** Marks the call failed (status, {@code error.type}, exception event); rethrow it yourself. */
  public LlmCall fail(Throwable error) {
    String type = error == null ? "_OTHER" : error.getClass().getName();
    if (error != null) {
      span.recordException(error);
    }
    span.setStatus(StatusCode.ERROR);
    span.setAttribute(StageScope.ERROR_TYPE, type);
    errorType = type;
    return this;
  }

  /** Records the metrics inside the span, ends it and restores the previous context. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      tracing.misuse.report(Misuse.Reason.CLOSED_TWICE, "LLM call " + model + " closed twice");
      return;
    }
    long elapsed = System.nanoTime() - startNanos;
    try (Scope ignored = Context.current() == context ? null : context.makeCurrent()) {
      tracing.genAiMetrics.recordDuration(operation, provider, model, errorType, elapsed);
      if (inputTokens >= 0) {
        tracing.genAiMetrics.tokens.labels(operation, provider, model, "input").record(inputTokens);
      }
      if (outputTokens >= 0) {
        tracing
            .genAiMetrics
            .tokens
            .labels(operation, provider, model, "output")
            .record(outputTokens);
      }
    }
    span.end();
    if (Context.current() != context) {
      tracing.misuse.report(
          Misuse.Reason.CLOSED_OUT_OF_ORDER,
          "LLM call " + model + " closed while another scope opened inside it is current,"
              + " or on another thread; its context is left to that scope");
      return;
    }
    scope.close();
  }
}
