package dev.pillars.metrics.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * One call to a model, as {@link LlmMetrics#recordCall} records it. Attribute names follow the
 * OpenTelemetry GenAI conventions.
 *
 * <pre>{@code
 * LlmCall call = LlmCall.builder("openai", "gpt-4o")
 *     .operation("chat").inputTokens(512).outputTokens(128)
 *     .duration(Duration.ofMillis(840)).build();
 * }</pre>
 *
 * @param provider {@code gen_ai.provider.name}: openai, anthropic, aws.bedrock, ...
 * @param model {@code gen_ai.request.model}
 * @param operation {@code gen_ai.operation.name}: chat, embeddings, text_completion, ...
 * @param inputTokens prompt tokens, or -1 when unknown
 * @param outputTokens completion tokens, or -1 when unknown
 * @param durationNanos how long the call took
 * @param errorType {@code error.type} when the call failed, else null
 */
public record LlmCall(
    String provider,
    String model,
    String operation,
    long inputTokens,
    long outputTokens,
    long durationNanos,
    String errorType) {

  /** Fills in defaults: an unknown provider or model is {@code "unknown"}, the operation chat. */
  public LlmCall {
    provider = provider == null || provider.isBlank() ? "unknown" : provider;
    model = model == null || model.isBlank() ? "unknown" : model;
    operation = operation == null || operation.isBlank() ? "chat" : operation;
  }

  /** Whether the call failed. */
  public boolean failed() {
    return errorType != null;
  }

  /** Starts describing a call to {@code model} of {@code provider}. */
  public static Builder builder(String provider, String model) {
    return new Builder(provider, model);
  }

  /** Builds an {@link LlmCall}. */
  public static final class Builder {
    private final String provider;
    private final String model;
    private String operation = "chat";
    private long inputTokens = -1;
    private long outputTokens = -1;
    private long durationNanos;
    private String errorType;

    private Builder(String provider, String model) {
      this.provider = provider;
      this.model = model;
    }

    /** {@code gen_ai.operation.name}; chat by default. */
    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    /** Prompt tokens. */
    public Builder inputTokens(long tokens) {
      this.inputTokens = tokens;
      return this;
    }

    /** Completion tokens. */
    public Builder outputTokens(long tokens) {
      this.outputTokens = tokens;
      return this;
    }

    /** How long the call took. */
    public Builder duration(Duration duration) {
      this.durationNanos = Objects.requireNonNull(duration, "duration").toNanos();
      return this;
    }

    /** How long the call took, in nanoseconds. */
    public Builder durationNanos(long nanos) {
      this.durationNanos = nanos;
      return this;
    }

    /** Marks the call failed with {@code error.type} (an exception's simple name, say). */
    public Builder errorType(String errorType) {
      this.errorType = errorType;
      return this;
    }

    /** Marks the call failed with {@code failure}'s simple class name. */
    public Builder error(Throwable failure) {
      this.errorType = failure == null ? null : failure.getClass().getSimpleName();
      return this;
    }

    /** The call. */
    public LlmCall build() {
      return new LlmCall(
          provider, model, operation, inputTokens, outputTokens, durationNanos, errorType);
    }
  }
}
