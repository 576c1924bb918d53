package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An AI service (LangChain4j's AiServices over the real OpenAI client) with one tool and a
 * retriever: its invocation is an invoke_agent span under the caller's stage, and its two model
 * calls, its tool execution and its retrieval are children of that span; scores reach
 * rag_relevance_score, an empty retrieval is counted, a failing tool marks its span; a TokenStream
 * service is traced the same way across threads.
 */
class AiServiceInvocationOwnsItsCallsToolsAndRetrieval {

  interface Assistant {
    String answer(String question);
  }

  interface StreamingAssistant {
    TokenStream answer(String question);
  }

  static final class Weather {
    volatile boolean fail;

    @Tool("Current weather in a city")
    String weather(String city) {
      Lc4jFixture.testLogger().info("looking up the weather in {}", city);
      if (fail) {
        throw new IllegalStateException("weather service down");
      }
      return "sunny, 21C in " + city;
    }
  }

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = Servers.start();
  private final Weather weather = new Weather();
  private volatile List<Content> found =
      List.of(
          Content.from(
              TextSegment.from("Paris is the capital of France."),
              Map.of(ContentMetadata.SCORE, 0.9)),
          Content.from(TextSegment.from("Lyon is in France."), Map.of(ContentMetadata.SCORE, 0.4)));
  private final ContentRetriever retriever = query -> found;

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  private Assistant assistant() {
    var model =
        OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("k")
            .modelName(Wire.OPENAI_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build();
    return f.lc4j
        .observe(AiServices.builder(Assistant.class))
        .chatModel(model)
        .tools(weather)
        .contentRetriever(f.lc4j.observe(retriever))
        .build();
  }

  private void scriptToolThenAnswer() {
    server
        .then(ProviderServer.json(200, Wire.openAiToolCall("weather", "{\"city\":\"Paris\"}")))
        .then(ProviderServer.json(200, Wire.openAiCompletion("Sunny in Paris.", 150, 0, 10, 0)));
  }

  @Test
  void theInvocationIsTheParentOfItsModelCallsToolAndRetrieval() {
    scriptToolThenAnswer();
    Assistant assistant = assistant();
    String stageSpanId;
    String answer;
    try (StageScope stage = f.tracing.pipeline("concierge").open("respond")) {
      stageSpanId = stage.span().getSpanContext().getSpanId();
      answer = assistant.answer("What is the weather in Paris?");
    }

    assertThat(answer).isEqualTo("Sunny in Paris.");
    SpanData agent = f.span("invoke_agent Assistant");
    assertThat(agent.getParentSpanId()).isEqualTo(stageSpanId);
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
        .isEqualTo("invoke_agent");
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("gen_ai.agent.name")))
        .isEqualTo("Assistant");
    assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    List<SpanData> calls =
        f.spans().stream().filter(s -> s.getName().equals("chat gpt-4o-mini")).toList();
    assertThat(calls)
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.getParentSpanId()).isEqualTo(agent.getSpanId()));
    SpanData tool = f.span("execute_tool weather");
    assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
        .isEqualTo("weather");
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.id")))
        .isEqualTo("call_abc123");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(tool.getEndEpochNanos()).isGreaterThanOrEqualTo(tool.getStartEpochNanos());
    SpanData retrieval = f.span("retrieval");
    assertThat(retrieval.getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(retrieval.getAttributes().get(AttributeKey.longKey("rag.documents.count")))
        .isEqualTo(2);
    // the tool ran between the two calls, the invocation spans them all
    assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(calls.get(0).getEndEpochNanos());
    assertThat(agent.getEndEpochNanos()).isGreaterThanOrEqualTo(calls.get(1).getEndEpochNanos());
    assertThat(f.spans()).hasSize(6); // stage, agent, retrieval, 2 calls, tool: each once

    var relevance =
        f.histogram("rag.relevance.score", attrs("operation", "retrieval")).orElseThrow();
    assertThat(relevance.getCount()).isEqualTo(2);
    assertThat(relevance.getSum()).isCloseTo(1.3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(f.counter("rag.empty_retrievals", attrs("operation", "retrieval"))).isZero();
    assertThat(
            f.histogram(
                    "pipeline.stage.duration",
                    attrs("pipeline", "langchain4j", "stage", "retrieval", "outcome", "ok"))
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
    assertThat(
            f.histogram("gen_ai.client.operation.duration", chat("openai", Wire.OPENAI_MODEL))
                .orElseThrow()
                .getCount())
        .isEqualTo(2);
    // the tool's log line belongs to the tool's span
    assertThat(f.lines)
        .filteredOn(l -> l.logger().equals("test"))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.traceId()).isEqualTo(agent.getTraceId());
              assertThat(l.spanId()).isEqualTo(tool.getSpanId());
            });
    assertThat(f.counterPoints("pillars.llm.misuse")).isEmpty();
    // the invocation's and the tool's scopes nest with the stages: no misuse, context restored
    assertThat(f.counterPoints("pillars.tracing.misuse"))
        .allSatisfy(p -> assertThat(p.getValue()).isZero());
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void anEmptyRetrievalIsCountedAndAFailingToolMarksItsSpan() {
    found = List.of();
    weather.fail = true;
    scriptToolThenAnswer();

    assistant().answer("What is the weather in Paris?");

    assertThat(f.counter("rag.empty_retrievals", attrs("operation", "retrieval"))).isEqualTo(1);
    assertThat(f.span("retrieval").getAttributes().get(AttributeKey.longKey("rag.documents.count")))
        .isZero();
    assertThat(f.histogram("rag.relevance.score")).isEmpty();
    SpanData tool = f.span("execute_tool weather");
    assertThat(tool.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(tool.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("_OTHER");
    assertThat(f.span("invoke_agent Assistant").getParentSpanId())
        .isEqualTo(io.opentelemetry.api.trace.SpanId.getInvalid()); // no caller span: a root
  }

  @Test
  void aFailedInvocationEndsItsSpanWithTheError() {
    server.then(ProviderServer.json(500, Wire.OPENAI_500));
    var model =
        OpenAiChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("k")
            .maxRetries(0)
            .modelName(Wire.OPENAI_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build();
    Assistant assistant =
        f.lc4j.observe(AiServices.builder(Assistant.class)).chatModel(model).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> assistant.answer("hi"))
        .isInstanceOf(dev.langchain4j.exception.InternalServerException.class);

    SpanData agent = f.span("invoke_agent Assistant");
    assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(agent.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(dev.langchain4j.exception.InternalServerException.class.getName());
    assertThat(f.span("chat gpt-4o-mini").getParentSpanId()).isEqualTo(agent.getSpanId());
    // the invoking thread got its context back
    assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void aTokenStreamServiceIsTracedAcrossThreads() throws Exception {
    server.then(ProviderServer.sse(50, Wire.openAiStream(List.of("Hel", "lo"), 40, 0, 2)));
    var model =
        f.lc4j.streaming(
            OpenAiStreamingChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("k")
                .modelName(Wire.OPENAI_MODEL)
                .listeners(List.of(f.lc4j.listener()))
                .build());
    CompletableFuture<Object> completedEvent = new CompletableFuture<>();
    StreamingAssistant assistant =
        f.lc4j
            .observe(AiServices.builder(StreamingAssistant.class))
            // registered after Pillars' listeners, so it fires after the invocation span ended
            .registerListener(
                (dev.langchain4j.observability.api.listener.AiServiceCompletedListener)
                    e -> completedEvent.complete(e))
            .streamingChatModel(model)
            .contentRetriever(f.lc4j.observe(retriever))
            .build();
    CompletableFuture<Object> done = new CompletableFuture<>();
    String stageSpanId;
    try (StageScope stage = f.tracing.pipeline("concierge").open("respond")) {
      stageSpanId = stage.span().getSpanContext().getSpanId();
      assistant
          .answer("hello")
          .onPartialResponse(p -> {})
          .onCompleteResponse(done::complete)
          .onError(done::completeExceptionally)
          .start();
      // the service's span is never current on the caller's thread: the stage still is
      assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().getSpanId())
          .isEqualTo(stageSpanId);
      done.get(10, TimeUnit.SECONDS);
    }
    completedEvent.get(10, TimeUnit.SECONDS); // fired on the HTTP thread after the handler
    SpanData agent = f.span("invoke_agent StreamingAssistant");
    assertThat(agent.getParentSpanId()).isEqualTo(stageSpanId);
    assertThat(f.span("chat gpt-4o-mini").getParentSpanId()).isEqualTo(agent.getSpanId());
    // retrieved on the caller's thread, where the stage is current, yet the invocation's child
    assertThat(f.span("retrieval").getParentSpanId()).isEqualTo(agent.getSpanId());
    assertThat(f.counterPoints("pillars.tracing.misuse"))
        .allSatisfy(p -> assertThat(p.getValue()).isZero());
    assertThat(
            f.histogram(
                    "gen_ai.client.operation.time_to_first_chunk",
                    chat("openai", Wire.OPENAI_MODEL))
                .orElseThrow()
                .getSum())
        .isGreaterThanOrEqualTo(0.05);
  }
}
