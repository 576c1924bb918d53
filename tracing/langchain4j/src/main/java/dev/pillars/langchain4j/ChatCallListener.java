package dev.pillars.langchain4j;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns each model call LangChain4j reports into one {@link LlmCall}: opened in {@code onRequest}
 * (on the caller's thread, so its span is a child of the caller's span or stage, or of the AI
 * service invocation that issued it), ended by the first of {@code onResponse} / {@code onError},
 * whatever thread that comes on.
 */
final class ChatCallListener implements ChatModelListener {

  /** The listener-attributes key of the call's state. */
  static final String STATE = "dev.pillars.langchain4j.call";

  private static final String UNKNOWN_MODEL = "_unknown";

  private final LlmMetrics llm;
  private final Counter retries;
  private final ListenerWarnings warnings;

  ChatCallListener(LlmMetrics llm, Counter retries, ListenerWarnings warnings) {
    this.llm = llm;
    this.retries = retries;
    this.warnings = warnings;
  }

  @Override
  public void onRequest(ChatModelRequestContext ctx) {
    StreamSink sink = InFlight.takeSink();
    Context invocation = InFlight.takeInvocationContext();
    try {
      ChatRequest request = ctx.chatRequest();
      String provider = ProviderNames.of(ctx.modelProvider());
      String model = request.modelName();
      if (model == null || model.isBlank()) {
        model = UNKNOWN_MODEL;
      }
      LlmCall call;
      try (Scope ignored = (invocation != null ? invocation : Context.current()).makeCurrent()) {
        call = llm.call(provider, model).start();
      }
      call.prompt(lastUserText(request.messages()));
      var boundRetries = retries.labels(provider, model);
      boundRetries.increment(0); // the first retry must show in increase(..)
      CallState state = new CallState(call, sink != null, boundRetries);
      ctx.attributes().put(STATE, state);
      if (sink != null) {
        sink.attach(state);
      }
      InFlight.callStarted(state);
    } catch (RuntimeException e) {
      warnings.warn("onRequest", e);
    }
  }

  @Override
  public void onResponse(ChatModelResponseContext ctx) {
    CallState state = state(ctx.attributes());
    if (state == null) {
      return;
    }
    InFlight.callDone(state);
    if (!state.claimEnd()) {
      return; // a stream cut midway: onError came first and recorded it
    }
    LlmCall call = state.call;
    try {
      ChatResponse response = ctx.chatResponse();
      var metadata = response.metadata();
      call.recordUsage(UsageMapping.of(metadata == null ? null : metadata.tokenUsage()));
      call.responseModel(response.modelName());
      FinishReason finish = response.finishReason();
      if (finish != null) {
        call.finishReason(finishReason(finish));
      }
      if (response.id() != null) {
        call.span().setAttribute(Attributes.RESPONSE_ID, response.id());
      }
      if (response.aiMessage() != null) {
        call.completion(response.aiMessage().text());
      }
      RateLimitHeaders.record(llm, RawResponses.headers(metadata));
      resends(state);
      boolean streamed = state.streamWrapped || Thread.currentThread() != state.requestThread;
      if (streamed && finish == null) {
        call.fail(
            new IncompleteStreamException(
                "the stream ended without a finish reason (cut short by the server)"));
      } else {
        call.end();
      }
    } catch (RuntimeException e) {
      warnings.warn("onResponse", e);
      if (!call.ended()) {
        call.end();
      }
    }
  }

  @Override
  public void onError(ChatModelErrorContext ctx) {
    CallState state = state(ctx.attributes());
    if (state == null) {
      return;
    }
    InFlight.callDone(state);
    if (!state.claimEnd()) {
      return;
    }
    try {
      resends(state);
      state.call.fail(cause(ctx.error()));
    } catch (RuntimeException e) {
      warnings.warn("onError", e);
    }
  }

  private static void resends(CallState state) {
    int resends = state.resends();
    if (resends > 0) {
      state.call.span().setAttribute(Attributes.RESEND_COUNT, (long) resends);
    }
  }

  private static CallState state(Map<Object, Object> attributes) {
    Object s = attributes == null ? null : attributes.get(STATE);
    return s instanceof CallState ? (CallState) s : null;
  }

  /**
   * The failure itself, not the plain wrappers LangChain4j and the JDK put around it (a dropped
   * stream reaches the listener as a bare LangChain4jException around the IOException); the mapped
   * exceptions (RateLimitException, TimeoutException, ...) are kept.
   */
  static Throwable cause(Throwable error) {
    Throwable e = error;
    while (e != null
        && e.getCause() != null
        && e.getCause() != e
        && (e instanceof CompletionException
            || e instanceof ExecutionException
            || e.getClass() == RuntimeException.class
            || e.getClass() == LangChain4jException.class)) {
      e = e.getCause();
    }
    return e;
  }

  private static String lastUserText(List<ChatMessage> messages) {
    if (messages == null) {
      return null;
    }
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage u && u.hasSingleText()) {
        return u.singleText();
      }
    }
    return null;
  }

  private static String finishReason(FinishReason reason) {
    switch (reason) {
      case TOOL_EXECUTION:
        return "tool_calls";
      default:
        return reason.name().toLowerCase(Locale.ROOT);
    }
  }
}
