package dev.pillars.langchain4j;

import dev.langchain4j.model.ModelProvider;
import java.util.Locale;

/** LangChain4j's {@link ModelProvider} as the GenAI convention's {@code gen_ai.provider.name}. */
final class ProviderNames {

  static final String OTHER = "_OTHER";

  private ProviderNames() {}

  static String of(ModelProvider provider) {
    if (provider == null) {
      return OTHER;
    }
    switch (provider.name()) {
      case "OPEN_AI":
        return "openai";
      case "ANTHROPIC":
      case "GOOGLE_VERTEX_AI_ANTHROPIC":
        return "anthropic";
      case "AZURE_OPEN_AI":
        return "azure.ai.openai";
      case "MICROSOFT_FOUNDRY":
        return "azure.ai.inference";
      case "AMAZON_BEDROCK":
        return "aws.bedrock";
      case "GOOGLE_AI_GEMINI":
      case "GOOGLE_GENAI":
        return "gcp.gemini";
      case "GOOGLE_VERTEX_AI_GEMINI":
        return "gcp.vertex_ai";
      case "MISTRAL_AI":
        return "mistral_ai";
      case "WATSONX":
        return "ibm.watsonx.ai";
      case "COHERE":
        return "cohere";
      case "OTHER":
        return OTHER;
      default:
        return provider.name().toLowerCase(Locale.ROOT);
    }
  }
}
