package dev.pillars.langchain4j;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.pillars.metrics.llm.TokenUsage;

/**
 * OpenAI's usage: {@code prompt_tokens} already include {@code
 * prompt_tokens_details.cached_tokens}, {@code completion_tokens} include {@code
 * completion_tokens_details.reasoning_tokens}.
 */
final class OpenAiUsage {

  private OpenAiUsage() {}

  static TokenUsage of(dev.langchain4j.model.output.TokenUsage usage) {
    OpenAiTokenUsage u = (OpenAiTokenUsage) usage;
    TokenUsage mapped =
        TokenUsage.of(
            UsageMapping.count(u.inputTokenCount()), UsageMapping.count(u.outputTokenCount()));
    if (u.inputTokensDetails() != null) {
      mapped = mapped.withCacheRead(UsageMapping.count(u.inputTokensDetails().cachedTokens()));
    }
    if (u.outputTokensDetails() != null) {
      mapped = mapped.withReasoning(UsageMapping.count(u.outputTokensDetails().reasoningTokens()));
    }
    return mapped;
  }
}
