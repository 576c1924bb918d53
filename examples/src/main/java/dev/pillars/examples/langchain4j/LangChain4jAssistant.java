package dev.pillars.examples.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.pillars.Pillars;
import dev.pillars.langchain4j.PillarsLangChain4j;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An AI service with one tool and a retriever answering through LangChain4j's OpenAI client,
 * observed by Pillars from the model builder and the AI-service builder only: no code around the
 * calls. {@link #main} starts a local OpenAI-compatible server itself, so it runs with no key and
 * no network, and prints the answer and the metrics it recorded.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.pillars.examples.langchain4j.LangChain4jAssistant
 * </pre>
 */
public final class LangChain4jAssistant {

  /** What LangChain4j implements. */
  public interface Assistant {
    /** Answers a travel question, asking the weather tool when it needs to. */
    String answer(String question);
  }

  private final Assistant assistant;
  private final Stage stage;

  /**
   * The assistant over the OpenAI-compatible API at {@code baseUrl}, recorded through {@code
   * pillars}.
   */
  public LangChain4jAssistant(Pillars pillars, String baseUrl) {
    this(pillars, baseUrl, "gpt-4o-mini");
  }

  /** The same, asking for model {@code modelName}. */
  public LangChain4jAssistant(Pillars pillars, String baseUrl, String modelName) {
    // one LLM recorder (with prices) for the application's stages and for LangChain4j
    LlmMetrics llm =
        LlmMetrics.create(pillars.openTelemetry(), pillars.metrics(), TokenPriceTable.bundled());
    PipelineTracing tracing =
        PipelineTracing.builder(pillars.openTelemetry())
            .metrics(pillars.metrics())
            .llm(llm)
            .build();
    PillarsLangChain4j lc4j = PillarsLangChain4j.create(pillars.openTelemetry(), tracing);
    ChatModel model =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey("no-key-needed-locally")
            .modelName(modelName)
            .listeners(List.of(lc4j.listener())) // model calls
            .httpClientBuilder(lc4j.httpClientBuilder()) // 429 headers, retries
            .build();
    this.assistant =
        lc4j.observe(AiServices.builder(Assistant.class)) // invocation and tool spans
            .chatModel(model)
            .tools(new WeatherTool())
            .contentRetriever(lc4j.observe(new TravelGuide())) // retrieval stage and scores
            .build();
    this.stage = tracing.pipeline("travel").stage("answer");
  }

  /** Asks the assistant, inside the application's own stage {@code travel/answer}. */
  public String ask(String question) {
    return stage.get(() -> assistant.answer(question));
  }

  /** Runs one question against a local server and prints what Pillars recorded. */
  public static void main(String[] args) throws Exception {
    try (Pillars pillars =
            Pillars.builder()
                .serviceName("langchain4j-assistant")
                .prometheusEndpoint(false)
                .build();
        LocalOpenAiServer server = LocalOpenAiServer.start()) {
      LangChain4jAssistant app = new LangChain4jAssistant(pillars, server.baseUrl());
      System.out.println(
          app.ask(args.length > 0 ? String.join(" ", args) : "What is the weather like in Paris"));
      System.out.println(
          pillars
              .metricsText()
              .lines()
              .filter(l -> !l.startsWith("#"))
              .filter(l -> l.startsWith("gen_ai_") || l.startsWith("llm_") || l.startsWith("rag_"))
              .filter(l -> !l.contains("_bucket{"))
              .collect(Collectors.joining("\n")));
    }
  }
}
