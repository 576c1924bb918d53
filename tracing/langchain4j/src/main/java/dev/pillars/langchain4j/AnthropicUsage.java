package dev.pillars.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.pillars.metrics.llm.TokenUsage;

/**
 * Anthropic's usage: its {@code input_tokens} exclude {@code cache_read_input_tokens} and {@code
 * cache_creation_input_tokens}; {@link TokenUsage#anthropic} adds them back.
 */
final class AnthropicUsage {

  private AnthropicUsage() {}

  static TokenUsage of(dev.langchain4j.model.output.TokenUsage usage) {
    AnthropicTokenUsage u = (AnthropicTokenUsage) usage;
    return TokenUsage.anthropic(
        UsageMapping.count(u.inputTokenCount()),
        UsageMapping.count(u.outputTokenCount()),
        UsageMapping.count(u.cacheReadInputTokens()),
        UsageMapping.count(u.cacheCreationInputTokens()));
  }
}
