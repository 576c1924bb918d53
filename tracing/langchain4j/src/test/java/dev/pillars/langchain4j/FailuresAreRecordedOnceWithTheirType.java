package dev.pillars.langchain4j;

import static dev.pillars.langchain4j.Lc4jFixture.attrs;
import static dev.pillars.langchain4j.Lc4jFixture.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each failure is one span with status ERROR and error.type the exception's class, one sample in
 * the duration with that error.type and one count in llm_errors_total: a 500, a malformed body, a
 * timeout, a stream dropped midway (LangChain4j fires onError and then onResponse) and a stream
 * that ends with no finish reason.
 */
class FailuresAreRecordedOnceWithTheirType {

  private final Lc4jFixture f = new Lc4jFixture();
  private final ProviderServer server = Servers.start();
  private final io.opentelemetry.api.common.Attributes byModel =
      attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", Wire.OPENAI_MODEL);

  @AfterEach
  void close() {
    server.close();
    f.close();
  }

  private OpenAiChatModel sync(Duration timeout) {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl())
        .apiKey("k")
        .modelName(Wire.OPENAI_MODEL)
        .maxRetries(0)
        .timeout(timeout)
        .listeners(List.of(f.lc4j.listener()))
        .build();
  }

  private StreamingChatModel streaming() {
    return f.lc4j.streaming(
        OpenAiStreamingChatModel.builder()
            .baseUrl(server.baseUrl())
            .apiKey("k")
            .modelName(Wire.OPENAI_MODEL)
            .listeners(List.of(f.lc4j.listener()))
            .build());
  }

  /** The one span, failed with {@code type}, counted once. */
  private void recordedOnceAs(String type) {
    assertThat(f.spans()).hasSize(1);
    SpanData span = f.span("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(type);
    assertThat(f.histogram("gen_ai.client.operation.duration"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getAttributes())
                  .isEqualTo(chat("openai", Wire.OPENAI_MODEL, "error.type", type));
              assertThat(p.getCount()).isEqualTo(1);
            });
    assertThat(f.counter("llm.errors", byModel)).isEqualTo(1);
    assertThat(f.counterPoints("pillars.llm.misuse")).isEmpty();
  }

  @Test
  void aServerErrorIsAnInternalServerException() {
    server.then(ProviderServer.json(500, Wire.OPENAI_500));
    assertThatThrownBy(() -> sync(Duration.ofSeconds(10)).chat("hi"))
        .isInstanceOf(InternalServerException.class);
    recordedOnceAs(InternalServerException.class.getName());
  }

  @Test
  void aMalformedBodyIsRecordedWithTheParsersException() {
    server.then(ProviderServer.json(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":"));
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> sync(Duration.ofSeconds(10)).chat("hi"));
    assertThat(thrown).isNotNull();
    recordedOnceAs(ChatCallListener.cause(thrown).getClass().getName());
    assertThat(ChatCallListener.cause(thrown).getClass().getName()).contains("jackson");
  }

  @Test
  void aTimeoutIsLangChain4jsTimeoutException() {
    server.then(
        ProviderServer.slow(
            1000, ProviderServer.json(200, Wire.openAiCompletion("late", 1, 0, 1, 0))));
    assertThatThrownBy(() -> sync(Duration.ofMillis(200)).chat("hi"))
        .isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
    recordedOnceAs(dev.langchain4j.exception.TimeoutException.class.getName());
  }

  @Test
  void aStreamDroppedMidwayIsOneErrorThoughLangChain4jAlsoReportsAResponse() throws Exception {
    server.then(ProviderServer.sseThenDrop(Wire.openAiStreamText(List.of("Par", "is"))));
    List<Object> terminals = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicInteger partials =
        new java.util.concurrent.atomic.AtomicInteger();
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    CompletableFuture<Object> second = new CompletableFuture<>();
    streaming()
        .chat(
            "hi",
            new dev.langchain4j.model.chat.response.StreamingChatResponseHandler() {
              @Override
              public void onPartialResponse(String partial) {
                partials.incrementAndGet();
              }

              @Override
              public void onCompleteResponse(ChatResponse response) {
                terminal(response);
              }

              @Override
              public void onError(Throwable error) {
                terminal(error);
              }

              private void terminal(Object t) {
                terminals.add(t);
                if (t instanceof Throwable e) {
                  done.completeExceptionally(e);
                } else {
                  done.complete((ChatResponse) t);
                }
                if (terminals.size() == 2) {
                  second.complete(t);
                }
              }
            });
    ExecutionException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
    second.get(10, TimeUnit.SECONDS); // the probed fact: onError, then onResponse

    assertThat(terminals.get(0)).isInstanceOf(Throwable.class);
    assertThat(terminals.get(1)).isInstanceOf(ChatResponse.class);
    String type = ChatCallListener.cause(failed.getCause()).getClass().getName();
    recordedOnceAs(type);
    assertThat(java.io.IOException.class.isAssignableFrom(Class.forName(type))).as(type).isTrue();
    // the chunks that arrived before the cut were timed. The server writes two before it drops
    // the connection, but on a loaded machine the client's HTTP stack may see the reset before
    // it hands them on; then there is nothing to time, and nothing may be made up
    if (partials.get() > 0) {
      assertThat(f.histogram("gen_ai.client.operation.time_to_first_chunk"))
          .singleElement()
          .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    } else {
      assertThat(f.histogram("gen_ai.client.operation.time_to_first_chunk")).isEmpty();
    }
  }

  @Test
  void aStreamEndingWithoutFinishReasonOrDoneIsIncomplete() throws Exception {
    server.then(ProviderServer.sse(0, Wire.openAiStreamText(List.of("Par", "is"))));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming().chat("hi", Handlers.completing(done));
    ChatResponse response = done.get(10, TimeUnit.SECONDS); // LangChain4j calls it a success
    assertThat(response.finishReason()).isNull();
    recordedOnceAs(IncompleteStreamException.class.getName());
  }

  @Test
  void aStreamWithItsFinishAndUsageButNoDoneIsASuccess() throws Exception {
    List<String> events = new java.util.ArrayList<>(Wire.openAiStream(List.of("ok"), 5, 0, 1));
    events.remove(events.size() - 1); // no [DONE]
    server.then(ProviderServer.sse(0, events));
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streaming().chat("hi", Handlers.completing(done));
    done.get(10, TimeUnit.SECONDS);
    SpanData span = f.span("chat gpt-4o-mini");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(5);
    assertThat(f.counter("llm.errors", byModel)).isZero();
  }
}
