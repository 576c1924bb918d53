package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real OpenAiStreamingChatModel: the listener completes on the HTTP client's thread
 * with no span current, yet the call is the child of the caller's stage; time to first chunk is at
 * least the server's delay before its first event; usage comes from the include_usage chunk; the
 * application's handler runs with the call's span current.
 */
class StreamedOpenAiCallIsTimedToItsFirstChunk {

  private static final long THINKING_MILLIS = 150;

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = Servers.start();

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  private StreamingChatModel model() {
    return f.lc4j.streaming(
        OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("test-key")
            .modelName(Wire.OPENAI_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build());
  }

  @Test
  void theStreamIsAChildOfTheStageAndItsFirstChunkComesAfterTheServersDelay() throws Exception {
    server.then(
        ProviderServer.sse(
            THINKING_MILLIS,
            Wire.openAiStream(List.of("Par", "is", "."), 900, 512, 3),
            "x-ratelimit-remaining-requests",
            "77",
            "x-ratelimit-remaining-tokens",
            "9000"));
    StreamingChatModel model = model();
    List<String> partials = new CopyOnWriteArrayList<>();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    String stageSpanId;
    Thread caller = Thread.currentThread();
    List<Thread> callbackThreads = new CopyOnWriteArrayList<>();

    try (StageScope stage = f.tracing.pipeline("qa").open("generate")) {
      stageSpanId = stage.span().getSpanContext().getSpanId();
      model.chat(
          "What is the capital of France?",
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
              partials.add(partial);
              callbackThreads.add(Thread.currentThread());
              Lc4jFixture.testLogger().info("chunk {}", partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
              Lc4jFixture.testLogger().info("complete");
              done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              done.completeExceptionally(error);
            }
          });
      done.get(10, TimeUnit.SECONDS);
    }

    assertThat(String.join("", partials)).isEqualTo("Paris.");
    assertThat(callbackThreads).doesNotContain(caller); // LangChain4j calls back elsewhere
    SpanData call = f.span("chat gpt-4o-mini");
    assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(call.getParentSpanId()).isEqualTo(stageSpanId);
    var a = call.getAttributes();
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(900);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens"))).isEqualTo(512);
    assertThat(a.get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3);
    assertThat(a.get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
        .isGreaterThanOrEqualTo(THINKING_MILLIS / 1000.0);
    assertThat(server.requests().get(0).body()).contains("\"include_usage\" : true");

    var series = chat("openai", "gpt-4o-mini");
    var ttft = f.histogram("gen_ai.client.operation.time_to_first_chunk", series).orElseThrow();
    assertThat(ttft.getCount()).isEqualTo(1);
    assertThat(ttft.getSum()).isGreaterThanOrEqualTo(THINKING_MILLIS / 1000.0);
    assertThat(
            f.histogram("gen_ai.client.operation.time_per_output_chunk", series)
                .orElseThrow()
                .getCount())
        .isEqualTo(partials.size() - 1);
    assertThat(f.histogram("gen_ai.client.operation.duration", series).orElseThrow().getCount())
        .isEqualTo(1);
    assertThat(f.histogram("gen_ai.client.operation.duration")).hasSize(1);
    // 388 uncached x 0.15 + 512 cached x 0.075 + 3 output x 0.60, per million
    assertThat(
            f.counter(
                "llm.cost",
                attrs(
                    "gen_ai.provider.name",
                    "openai",
                    "gen_ai.request.model",
                    "gpt-4o-mini",
                    "currency",
                    "USD")))
        .isCloseTo(0.0000984, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(
            f.gauge(
                "llm.rate_limit.remaining",
                attrs("gen_ai.provider.name", "openai", "limit_type", "requests")))
        .isEqualTo(77);
    assertThat(f.counterPoints("pillars.llm.misuse")).isEmpty();

    // the handler's lines, on the HTTP client's thread, belong to the call
    assertThat(f.lines)
        .filteredOn(l -> l.logger().equals("test"))
        .hasSize(partials.size() + 1)
        .allSatisfy(
            l -> {
              assertThat(l.traceId()).isEqualTo(call.getTraceId());
              assertThat(l.spanId()).isEqualTo(call.getSpanId());
            });
  }

  @Test
  void withoutTheWrapperTheStreamIsStillOneChildSpanButHasNoChunkTimes() throws Exception {
    server.then(ProviderServer.sse(0, Wire.openAiStream(List.of("Hi"), 10, 0, 1)));
    StreamingChatModel bare =
        OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("k")
            .modelName(Wire.OPENAI_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    String stageSpanId;
    try (StageScope stage = f.tracing.pipeline("qa").open("generate")) {
      stageSpanId = stage.span().getSpanContext().getSpanId();
      bare.chat("hello", Handlers.completing(done));
      done.get(10, TimeUnit.SECONDS);
    }
    assertThat(f.span("chat gpt-4o-mini").getParentSpanId()).isEqualTo(stageSpanId);
    assertThat(f.histogram("gen_ai.client.operation.time_to_first_chunk")).isEmpty();
    assertThat(
            f.histogram("gen_ai.client.operation.duration", chat("openai", "gpt-4o-mini"))
                .orElseThrow()
                .getCount())
        .isEqualTo(1);
  }
}
