package dev.pillars.langchain4j;

import dev.pillars.metrics.llm.TokenUsage;

/**
 * A LangChain4j token usage as core's {@link TokenUsage}. The provider subclasses are read only
 * when the usage is of that class, so an application without the provider's module never loads
 * them.
 */
final class UsageMapping {

  private static final String OPENAI = "dev.langchain4j.model.openai.OpenAiTokenUsage";
  private static final String ANTHROPIC = "dev.langchain4j.model.anthropic.AnthropicTokenUsage";

  private UsageMapping() {}

  static TokenUsage of(dev.langchain4j.model.output.TokenUsage usage) {
    if (usage == null) {
      return TokenUsage.UNKNOWN;
    }
    String type = usage.getClass().getName();
    if (type.equals(OPENAI)) {
      return OpenAiUsage.of(usage);
    }
    if (type.equals(ANTHROPIC)) {
      return AnthropicUsage.of(usage);
    }
    return TokenUsage.of(count(usage.inputTokenCount()), count(usage.outputTokenCount()));
  }

  static long count(Integer n) {
    return n == null ? -1 : n;
  }
}
