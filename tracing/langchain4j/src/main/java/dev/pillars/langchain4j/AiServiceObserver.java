package dev.pillars.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AI services: an {@code invoke_agent {service}} span over each invocation, from its started event
 * to its completed or error event; the model calls it issues are its children (the request-issued
 * event, on the thread of the request, says which invocation the next request belongs to, as
 * LangChain4j passes the invocation to no chat-model listener), and each tool execution is an
 * {@code execute_tool {name}} span, from the before- to the after-tool-execution hook.
 */
final class AiServiceObserver {

  /** Invocations tracked at once; more are not traced (a TokenStream never started never ends). */
  static final int MAX_OPEN = 10_000;

  private final Tracer tracer;
  private final ListenerWarnings warnings;
  private final Map<UUID, Invocation> open = new ConcurrentHashMap<>();
  private final Map<ToolExecutionRequest, ToolSpan> tools =
      Collections.synchronizedMap(new IdentityHashMap<>());
  private final Map<String, Boolean> synchronous = new ConcurrentHashMap<>();

  AiServiceObserver(Tracer tracer, ListenerWarnings warnings) {
    this.tracer = tracer;
    this.warnings = warnings;
  }

  <T> AiServices<T> observe(AiServices<T> services) {
    return services
        .registerListener((AiServiceStartedListener) this::started)
        .registerListener((AiServiceRequestIssuedListener) this::requestIssued)
        .registerListener((AiServiceCompletedListener) this::completed)
        .registerListener((AiServiceErrorListener) this::failed)
        .beforeToolExecution(this::beforeTool)
        .afterToolExecution(this::afterTool);
  }

  /** The context of the open invocation {@code context} describes, or null. */
  Context contextOf(InvocationContext context) {
    Invocation i =
        context == null || context.invocationId() == null ? null : open.get(context.invocationId());
    return i == null || i.ended() ? null : i.context;
  }

  private void started(AiServiceStartedEvent event) {
    try {
      InvocationContext ic = event.invocationContext();
      if (ic == null || ic.invocationId() == null || open.size() >= MAX_OPEN) {
        return;
      }
      String agent = simpleName(ic.interfaceName());
      Context parent = Context.current();
      Span span =
          tracer
              .spanBuilder("invoke_agent " + agent)
              .setParent(parent)
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(Attributes.OPERATION, "invoke_agent")
              .setAttribute(Attributes.AGENT_NAME, agent)
              .setAttribute(Attributes.FUNCTION, ic.interfaceName() + "." + ic.methodName())
              .setAttribute(Attributes.PROVIDER, ProviderNames.of(ic.modelProvider()))
              .startSpan();
      // A synchronous method returns on this thread after its completed event: the span can be
      // current meanwhile (retrievals, tools and log lines inside belong to it). A TokenStream
      // ends on the HTTP client's thread, so its span is only ever a parent, never current.
      boolean sync = isSynchronous(ic.interfaceName(), ic.methodName());
      open.put(ic.invocationId(), new Invocation(span, parent.with(span), sync));
    } catch (RuntimeException e) {
      warnings.warn("AI service started", e);
    }
  }

  private void requestIssued(AiServiceRequestIssuedEvent event) {
    Invocation i = invocation(event.invocationContext());
    if (i != null) {
      InFlight.requestIssued(i);
    }
  }

  private void completed(AiServiceCompletedEvent event) {
    Invocation i = remove(event.invocationContext());
    if (i != null) {
      i.end(null);
    }
  }

  private void failed(AiServiceErrorEvent event) {
    Invocation i = remove(event.invocationContext());
    if (i != null) {
      i.end(event.error() == null ? null : ChatCallListener.cause(event.error()));
    }
  }

  private void beforeTool(BeforeToolExecution before) {
    try {
      ToolExecutionRequest request = before.request();
      if (request == null) {
        return;
      }
      Context parent = contextOf(before.invocationContext());
      if (parent == null) {
        parent = Context.current();
      }
      String name = request.name() == null ? "_unknown" : request.name();
      var builder =
          tracer
              .spanBuilder("execute_tool " + name)
              .setParent(parent)
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(Attributes.OPERATION, "execute_tool")
              .setAttribute(Attributes.TOOL_NAME, name)
              .setAttribute(Attributes.TOOL_TYPE, "function");
      if (request.id() != null) {
        builder.setAttribute(Attributes.TOOL_CALL_ID, request.id());
      }
      Span span = builder.startSpan();
      tools.put(request, new ToolSpan(span, parent.with(span).makeCurrent()));
    } catch (RuntimeException e) {
      warnings.warn("before tool execution", e);
    }
  }

  private void afterTool(ToolExecution execution) {
    ToolSpan t = execution.request() == null ? null : tools.remove(execution.request());
    if (t == null) {
      return;
    }
    try {
      if (Thread.currentThread() == t.owner) {
        t.scope.close();
      }
      if (execution.hasFailed()) {
        t.span.setStatus(StatusCode.ERROR);
        t.span.setAttribute(Attributes.ERROR_TYPE, Attributes.OTHER_ERROR);
      }
    } catch (RuntimeException e) {
      warnings.warn("after tool execution", e);
    } finally {
      t.span.end();
    }
  }

  private Invocation invocation(InvocationContext ic) {
    return ic == null || ic.invocationId() == null ? null : open.get(ic.invocationId());
  }

  private Invocation remove(InvocationContext ic) {
    return ic == null || ic.invocationId() == null ? null : open.remove(ic.invocationId());
  }

  private boolean isSynchronous(String interfaceName, String methodName) {
    return synchronous.computeIfAbsent(
        interfaceName + "#" + methodName, k -> returnsSynchronously(interfaceName, methodName));
  }

  /** False when any method of that name returns a stream (TokenStream, Flux, Flow, ...). */
  private static boolean returnsSynchronously(String interfaceName, String methodName) {
    Class<?> type = load(interfaceName);
    if (type == null) {
      return false;
    }
    boolean found = false;
    for (Method m : type.getMethods()) {
      if (m.getName().equals(methodName)) {
        found = true;
        Class<?> r = m.getReturnType();
        String n = r.getName();
        if (TokenStream.class.isAssignableFrom(r)
            || n.startsWith("reactor.core.")
            || n.startsWith("kotlinx.coroutines.flow.")
            || n.startsWith("org.reactivestreams.")
            || n.startsWith("io.smallrye.mutiny.")
            || n.equals("java.util.concurrent.Flow$Publisher")) {
          return false;
        }
      }
    }
    return found;
  }

  private static Class<?> load(String name) {
    for (ClassLoader loader :
        new ClassLoader[] {
          Thread.currentThread().getContextClassLoader(), AiServiceObserver.class.getClassLoader()
        }) {
      if (loader == null) {
        continue;
      }
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    return null;
  }

  private static String simpleName(String interfaceName) {
    if (interfaceName == null || interfaceName.isBlank()) {
      return "_unknown";
    }
    int cut = Math.max(interfaceName.lastIndexOf('.'), interfaceName.lastIndexOf('$'));
    return interfaceName.substring(cut + 1);
  }

  /** A tool's span and the scope that keeps it current while the tool runs. */
  private static final class ToolSpan {
    final Span span;
    final Scope scope;
    final Thread owner = Thread.currentThread();

    ToolSpan(Span span, Scope scope) {
      this.span = span;
      this.scope = scope;
    }
  }
}
