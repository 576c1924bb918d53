package dev.pillars.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Set;

/**
 * A streaming model whose chunks reach the call Pillars' listener opened: LangChain4j's listener
 * sees no chunk, so time to first chunk and time per chunk come from the handler, wrapped here.
 * Everything else is the model's own.
 */
final class ObservedStreamingChatModel implements StreamingChatModel {

  private final StreamingChatModel delegate;

  ObservedStreamingChatModel(StreamingChatModel delegate) {
    this.delegate = delegate;
  }

  @Override
  public void chat(
      ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
    StreamSink sink = new StreamSink();
    InFlight.offerSink(sink); // the listener's onRequest, on this thread, takes it
    try {
      delegate.chat(request, options, new ChunkMarkingHandler(handler, sink));
    } finally {
      InFlight.takeSink(); // not taken when the model has no Pillars listener
    }
  }

  @Override
  public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
    chat(request, ChatRequestOptions.EMPTY, handler);
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    delegate.doChat(request, handler);
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public List<ChatModelListener> listeners() {
    return delegate.listeners();
  }

  @Override
  public ModelProvider provider() {
    return delegate.provider();
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return delegate.supportedCapabilities();
  }

  @Override
  public String toString() {
    return "Observed(" + delegate + ")";
  }
}
