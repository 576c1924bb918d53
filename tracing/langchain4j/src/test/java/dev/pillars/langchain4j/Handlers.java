package dev.pillars.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Streaming handlers for tests. */
final class Handlers {

  private Handlers() {}

  /** Completes {@code done} with the first terminal event; records every terminal event. */
  static StreamingChatResponseHandler completing(CompletableFuture<ChatResponse> done) {
    return completing(done, new CopyOnWriteArrayList<>());
  }

  static StreamingChatResponseHandler completing(
      CompletableFuture<ChatResponse> done, List<Object> terminals) {
    return new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(String partial) {}

      @Override
      public void onCompleteResponse(ChatResponse response) {
        terminals.add(response);
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        terminals.add(error);
        done.completeExceptionally(error);
      }
    };
  }
}
