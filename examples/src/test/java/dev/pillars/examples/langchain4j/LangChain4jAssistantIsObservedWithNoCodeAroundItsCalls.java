package dev.pillars.examples.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example end to end: LangChain4j's real OpenAI client against the example's own local server;
 * the answer used the tool, and the trace and /metrics show the application's stage, the AI-service
 * invocation, its retrieval, both model calls and the tool, with cost and scores.
 */
class LangChain4jAssistantIsObservedWithNoCodeAroundItsCalls {

  @Test
  void theAnswerUsesTheToolAndEveryStepIsRecorded() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (Pillars pillars =
            Pillars.builder()
                .serviceName("lc4j-example-test")
                .prometheusEndpoint(false)
                .runtimeMetrics(false)
                .registerGlobal(false)
                .shutdownHook(false)
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        LocalOpenAiServer server = LocalOpenAiServer.start()) {
      LangChain4jAssistant app = new LangChain4jAssistant(pillars, server.baseUrl());

      String answer = app.ask("What is the weather like in Paris");

      assertThat(answer).isEqualTo("According to the weather tool: sunny and 21 C in Paris.");
      List<SpanData> finished = spans.getFinishedSpanItems();
      SpanData stage = one(finished, "answer");
      SpanData agent = one(finished, "invoke_agent Assistant");
      assertThat(agent.getParentSpanId()).isEqualTo(stage.getSpanId());
      assertThat(one(finished, "retrieval").getParentSpanId()).isEqualTo(agent.getSpanId());
      assertThat(one(finished, "execute_tool weather").getParentSpanId())
          .isEqualTo(agent.getSpanId());
      assertThat(finished)
          .filteredOn(s -> s.getName().equals("chat gpt-4o-mini"))
          .hasSize(2)
          .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(agent.getSpanId()));
      assertThat(
              one(finished, "retrieval")
                  .getAttributes()
                  .get(AttributeKey.longKey("rag.documents.count")))
          .isEqualTo(3); // every document shares a word

      String text = pillars.metricsText();
      assertThat(text)
          .containsPattern(
              "gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_request_model=\"gpt-4o-mini\"[^}]*} 2")
          .containsPattern("llm_tokens_cache_read_total\\{[^}]*} 256")
          // (380 + 164) x 0.15 + 256 cached x 0.075 + (18 + 24) x 0.60 per million, bundled prices
          .containsPattern("llm_cost_total\\{[^}]*currency=\"USD\"[^}]*} 1\\.26E-4\n")
          .containsPattern("rag_relevance_score_count\\{[^}]*operation=\"retrieval\"[^}]*} 3")
          .containsPattern("rag_empty_retrievals_total\\{[^}]*} 0")
          .containsPattern("llm_http_retries_total\\{[^}]*} 0")
          .containsPattern("llm_rate_limit_remaining\\{[^}]*limit_type=\"requests\"[^}]*} 499")
          .containsPattern("pipeline_stage_duration_seconds_count\\{[^}]*stage=\"answer\"[^}]*} 1");
    }
  }

  private static SpanData one(List<SpanData> spans, String name) {
    List<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(found).as(name + " in " + spans).hasSize(1);
    return found.get(0);
  }
}
