package dev.pillars.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The application's handler, with each partial response, thinking or tool-call chunk marked on the
 * call (the first is the time to first chunk) and the call's span current while the application's
 * code runs, so its log lines carry the call's trace id on the HTTP client's thread too.
 */
final class ChunkMarkingHandler implements StreamingChatResponseHandler {

  private final StreamingChatResponseHandler delegate;
  private final StreamSink sink;

  ChunkMarkingHandler(StreamingChatResponseHandler delegate, StreamSink sink) {
    this.delegate = delegate;
    this.sink = sink;
  }

  @Override
  public void onPartialResponse(String partialResponse) {
    try (Scope ignored = chunk()) {
      delegate.onPartialResponse(partialResponse);
    }
  }

  @Override
  public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
    try (Scope ignored = chunk()) {
      delegate.onPartialResponse(partialResponse, context);
    }
  }

  @Override
  public void onPartialThinking(PartialThinking partialThinking) {
    try (Scope ignored = chunk()) {
      delegate.onPartialThinking(partialThinking);
    }
  }

  @Override
  public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
    try (Scope ignored = chunk()) {
      delegate.onPartialThinking(partialThinking, context);
    }
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall) {
    try (Scope ignored = chunk()) {
      delegate.onPartialToolCall(partialToolCall);
    }
  }

  @Override
  public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
    try (Scope ignored = chunk()) {
      delegate.onPartialToolCall(partialToolCall, context);
    }
  }

  @Override
  public void onCompleteToolCall(CompleteToolCall completeToolCall) {
    try (Scope ignored = current()) {
      delegate.onCompleteToolCall(completeToolCall);
    }
  }

  @Override
  public void onUnmappedRawEvent(Object rawEvent) {
    delegate.onUnmappedRawEvent(rawEvent);
  }

  @Override
  public void onCompleteResponse(ChatResponse completeResponse) {
    try (Scope ignored = current()) {
      delegate.onCompleteResponse(completeResponse);
    }
  }

  @Override
  public void onError(Throwable error) {
    try (Scope ignored = current()) {
      delegate.onError(error);
    }
  }

  private Scope chunk() {
    CallState state = sink.state();
    if (state != null && !state.ended()) {
      state.call.chunk();
    }
    return current();
  }

  private Scope current() {
    CallState state = sink.state();
    Context context = state == null ? null : state.call.context();
    return context == null ? Scope.noop() : context.makeCurrent();
  }
}
