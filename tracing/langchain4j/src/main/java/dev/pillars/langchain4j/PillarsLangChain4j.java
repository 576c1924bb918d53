package dev.pillars.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.service.AiServices;
import dev.pillars.AgentMode;
import dev.pillars.Pillars;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.tracing.PipelineTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * LangChain4j 1.x recorded by Pillars' LLM pillar, with no code around the calls: every model call
 * is a CLIENT span (child of the caller's span or stage, also for streams answered on another
 * thread) with duration, input/output/cache/reasoning tokens, cost, errors ({@code error.type} is
 * the exception's class, once per call even when a cut stream reports an error and then a response)
 * and, opted in, content; streams add time to first chunk and per chunk; AI service invocations,
 * tool executions and retrievals get their own spans.
 *
 * <pre>{@code
 * PillarsLangChain4j lc4j = PillarsLangChain4j.create(pillars, TokenPriceTable.bundled());
 * ChatModel model = OpenAiChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini")
 *     .listeners(List.of(lc4j.listener()))              // the one line
 *     .httpClientBuilder(lc4j.httpClientBuilder())      // optional: 429 headers, retries
 *     .build();
 * StreamingChatModel streaming = lc4j.streaming(OpenAiStreamingChatModel.builder()
 *     .apiKey(key).modelName("gpt-4o-mini").listeners(List.of(lc4j.listener())).build());
 * Assistant assistant = lc4j.observe(AiServices.builder(Assistant.class))
 *     .chatModel(model).tools(new Tools())
 *     .contentRetriever(lc4j.observe(retriever))
 *     .build();
 * }</pre>
 *
 * <p>Names recorded: core's LLM metrics ({@link LlmMetrics}), pipeline-stage metrics for retrievals
 * (pipeline {@value #PIPELINE}, stage {@value #RETRIEVAL_STAGE}) and {@link LangChain4jMetrics}.
 * Nothing here throws into LangChain4j: a callback that fails records nothing and warns
 * (throttled).
 */
public final class PillarsLangChain4j {

  /** The instrumentation scope of the AI-service and tool spans. */
  public static final String INSTRUMENTATION_SCOPE = "dev.pillars.langchain4j";

  /** The pipeline of the retrieval stage. */
  public static final String PIPELINE = "langchain4j";

  /** The stage name of retrievals, also the {@code operation} of their relevance scores. */
  public static final String RETRIEVAL_STAGE = "retrieval";

  private final LlmMetrics llm;
  private final Tracer tracer;
  private final ListenerWarnings warnings = new ListenerWarnings();
  private final ChatCallListener listener;
  private final RetrievalListener retrieval;
  private volatile AiServiceObserver services;

  private PillarsLangChain4j(OpenTelemetry openTelemetry, PipelineTracing tracing) {
    this.llm = tracing.llm();
    this.tracer = AgentMode.tracerProvider(openTelemetry).get(INSTRUMENTATION_SCOPE);
    Counter retries = llm.metrics().counter(LangChain4jMetrics.RETRIES);
    Counter empty = llm.metrics().counter(LangChain4jMetrics.EMPTY_RETRIEVALS);
    this.listener = new ChatCallListener(llm, retries, warnings);
    this.retrieval =
        new RetrievalListener(
            tracing.pipeline(PIPELINE).stage(RETRIEVAL_STAGE),
            llm,
            empty.labels(RETRIEVAL_STAGE),
            warnings,
            this::invocationContext);
  }

  /**
   * LangChain4j recorded through {@code pillars}, without prices (every call counts as unpriced).
   *
   * <pre>{@code
   * PillarsLangChain4j lc4j = PillarsLangChain4j.create(pillars);
   * }</pre>
   */
  public static PillarsLangChain4j create(Pillars pillars) {
    Objects.requireNonNull(pillars, "pillars");
    return new PillarsLangChain4j(pillars.openTelemetry(), PipelineTracing.create(pillars));
  }

  /** LangChain4j recorded through {@code pillars}, calls costed with {@code prices}. */
  public static PillarsLangChain4j create(Pillars pillars, TokenPriceTable prices) {
    Objects.requireNonNull(pillars, "pillars");
    Objects.requireNonNull(prices, "prices");
    LlmMetrics llm = LlmMetrics.create(pillars.openTelemetry(), pillars.metrics(), prices);
    return new PillarsLangChain4j(
        pillars.openTelemetry(),
        PipelineTracing.builder(pillars.openTelemetry())
            .metrics(pillars.metrics())
            .llm(llm)
            .build());
  }

  /**
   * LangChain4j recorded through the stages and LLM recorder ({@link PipelineTracing#llm()}) the
   * rest of the application uses, so that a call made inside one of its stages is recorded once, as
   * that stage's child.
   */
  public static PillarsLangChain4j create(OpenTelemetry openTelemetry, PipelineTracing tracing) {
    return new PillarsLangChain4j(
        Objects.requireNonNull(openTelemetry, "openTelemetry"),
        Objects.requireNonNull(tracing, "tracing"));
  }

  /**
   * The listener to give every chat model, sync or streaming: {@code .listeners(List.of(lc4j
   * .listener()))}. The same instance each time.
   */
  public ChatModelListener listener() {
    return listener;
  }

  /**
   * {@code model} with its chunks marked on the call its Pillars {@link #listener()} records (time
   * to first chunk, time per chunk), and the call's span current inside the application's handler.
   * LangChain4j's listener sees no chunk, hence this wrapper; the model must have the listener.
   */
  public StreamingChatModel streaming(StreamingChatModel model) {
    Objects.requireNonNull(model, "model");
    return model instanceof ObservedStreamingChatModel
        ? model
        : new ObservedStreamingChatModel(model);
  }

  /**
   * An HTTP client for a model builder's {@code .httpClientBuilder(..)} (LangChain4j's JDK client
   * over a JDK client that reports to Pillars): rate-limit headers are read from every response,
   * 429s included (LangChain4j's exception drops them), and attempts beyond the first are counted
   * in {@code llm_http_retries_total}.
   */
  public HttpClientBuilder httpClientBuilder() {
    return httpClientBuilder(HttpClient.newBuilder());
  }

  /** {@link #httpClientBuilder()} over your own JDK client settings (proxy, TLS, executor). */
  public HttpClientBuilder httpClientBuilder(HttpClient.Builder jdkClient) {
    Objects.requireNonNull(jdkClient, "jdkClient");
    return JdkHttpClient.builder().httpClientBuilder(new ObservedJdkClientBuilder(jdkClient, llm));
  }

  /**
   * Registers Pillars' AI-service listeners and tool hooks on {@code services} and returns it: each
   * invocation becomes an {@code invoke_agent {Service}} span over its model calls, each tool
   * execution an {@code execute_tool {name}} span. It sets the builder's {@code
   * beforeToolExecution} and {@code afterToolExecution}, which hold one consumer each: set yours
   * before calling this and they are replaced, so chain them yourself if you need both.
   */
  public <T> AiServices<T> observe(AiServices<T> services) {
    Objects.requireNonNull(services, "services");
    return services().observe(services);
  }

  /** {@code retriever} with {@link #retrievalListener()} added (LangChain4j's own listener API). */
  public ContentRetriever observe(ContentRetriever retriever) {
    Objects.requireNonNull(retriever, "retriever");
    return retriever.addListener(retrieval);
  }

  /**
   * The listener that records each retrieval as stage {@value #RETRIEVAL_STAGE} of pipeline {@value
   * #PIPELINE}: document count on the span ({@code rag.documents.count}), each score in {@code
   * rag_relevance_score{operation="retrieval"}}, empty results in {@code
   * rag_empty_retrievals_total}.
   */
  public ContentRetrieverListener retrievalListener() {
    return retrieval;
  }

  /** The LLM recorder calls go through (its prices, its content-capture setting). */
  public LlmMetrics llm() {
    return llm;
  }

  /** The open AI-service invocation {@code ic} names, once {@link #observe(AiServices)} ran. */
  private io.opentelemetry.context.Context invocationContext(
      dev.langchain4j.invocation.InvocationContext ic) {
    AiServiceObserver s = services;
    return s == null ? null : s.contextOf(ic);
  }

  private AiServiceObserver services() {
    AiServiceObserver s = services;
    if (s == null) {
      synchronized (this) {
        s = services;
        if (s == null) {
          s = new AiServiceObserver(tracer, warnings);
          services = s;
        }
      }
    }
    return s;
  }
}
