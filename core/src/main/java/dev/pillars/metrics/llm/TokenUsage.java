package dev.pillars.metrics.llm;

/**
 * The tokens one model call used, as the provider reported them. A count the provider did not
 * report is {@code -1}.
 *
 * <p>{@code inputTokens} counts every input token, cached ones included (OpenAI's {@code
 * prompt_tokens}); {@code cacheReadInputTokens} and {@code cacheCreationInputTokens} are the parts
 * of it read from and written to the provider's prompt cache. Anthropic reports its {@code
 * input_tokens} without the cache tokens: {@link #anthropic} adds them back. Likewise {@code
 * outputTokens} includes {@code reasoningOutputTokens}.
 *
 * <pre>{@code
 * call.recordUsage(TokenUsage.of(1200, 300).withCacheRead(1024).withReasoning(120));
 * }</pre>
 *
 * @param inputTokens all input tokens, or -1 when unknown
 * @param outputTokens all output tokens, or -1 when unknown
 * @param cacheReadInputTokens input tokens served from the prompt cache, or -1
 * @param cacheCreationInputTokens input tokens written to the prompt cache, or -1
 * @param reasoningOutputTokens output tokens spent on reasoning, or -1
 */
public record TokenUsage(
    long inputTokens,
    long outputTokens,
    long cacheReadInputTokens,
    long cacheCreationInputTokens,
    long reasoningOutputTokens) {

  /** No usage reported. */
  public static final TokenUsage UNKNOWN = new TokenUsage(-1, -1, -1, -1, -1);

  /** Input and output tokens; the cache and reasoning parts unknown. */
  public static TokenUsage of(long inputTokens, long outputTokens) {
    return new TokenUsage(inputTokens, outputTokens, -1, -1, -1);
  }

  /**
   * Usage as Anthropic's Messages API reports it: its {@code input_tokens} exclude the cache
   * tokens, so they are added to give the convention's {@code gen_ai.usage.input_tokens}.
   */
  public static TokenUsage anthropic(
      long inputTokens,
      long outputTokens,
      long cacheReadInputTokens,
      long cacheCreationInputTokens) {
    long total =
        Math.max(0, inputTokens)
            + Math.max(0, cacheReadInputTokens)
            + Math.max(0, cacheCreationInputTokens);
    return new TokenUsage(
        inputTokens < 0 && cacheReadInputTokens < 0 && cacheCreationInputTokens < 0 ? -1 : total,
        outputTokens,
        cacheReadInputTokens,
        cacheCreationInputTokens,
        -1);
  }

  /** This usage with {@code tokens} input tokens read from the prompt cache. */
  public TokenUsage withCacheRead(long tokens) {
    return new TokenUsage(
        inputTokens, outputTokens, tokens, cacheCreationInputTokens, reasoningOutputTokens);
  }

  /** This usage with {@code tokens} input tokens written to the prompt cache. */
  public TokenUsage withCacheCreation(long tokens) {
    return new TokenUsage(
        inputTokens, outputTokens, cacheReadInputTokens, tokens, reasoningOutputTokens);
  }

  /** This usage with {@code tokens} of the output spent on reasoning. */
  public TokenUsage withReasoning(long tokens) {
    return new TokenUsage(
        inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, tokens);
  }

  /** Whether the call used any token that has a price. */
  public boolean usedTokens() {
    return inputTokens > 0 || outputTokens > 0;
  }
}
