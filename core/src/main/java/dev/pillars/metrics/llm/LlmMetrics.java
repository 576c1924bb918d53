// Over 300 lines: the recorder holds its thirteen public metric definitions and its Builder.
package dev.pillars.metrics.llm;

import dev.pillars.AgentMode;
import dev.pillars.kit.Text;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Gauge;
import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The LLM pillar: opens the {@link LlmCall} that records one model call (a CLIENT span and the
 * GenAI metrics, cost and errors, each exactly once), and records RAG queries (seeds/003's {@code
 * monitored_query}, seeds/000's custom RAG metrics). Needs only pillars-core.
 *
 * <pre>{@code
 * LlmMetrics llm = LlmMetrics.builder(pillars.openTelemetry(), pillars.metrics())
 *     .prices(TokenPriceTable.bundled())
 *     .build();
 * try (LlmCall call = llm.call("openai", "gpt-4o").start()) {
 *   Reply reply = client.send(prompt);
 *   call.recordUsage(TokenUsage.of(reply.inputTokens(), reply.outputTokens())
 *       .withCacheRead(reply.cachedTokens()));
 * }
 * }</pre>
 *
 * <p>What it records (Prometheus names): {@code gen_ai_client_operation_duration_seconds}, {@code
 * gen_ai_client_token_usage}, {@code gen_ai_client_operation_time_to_first_chunk_seconds}, {@code
 * gen_ai_client_operation_time_per_output_chunk_seconds}, {@code llm_tokens_cache_read_total},
 * {@code llm_tokens_cache_creation_total}, {@code llm_tokens_reasoning_total}, {@code
 * llm_cost_total}, {@code llm_unpriced_calls_total}, {@code llm_errors_total}, {@code
 * llm_rate_limit_remaining}, {@code rag_query_latency_seconds}, {@code rag_requests_total}, {@code
 * rag_active_requests}, {@code rag_relevance_score}, {@code cache_hits_total} and {@code
 * cache_misses_total}; bad input in {@code pillars_llm_misuse_total}. Model names are labels
 * (bounded by the series limit); prompts, queries and users never are.
 */
public final class LlmMetrics {

  /** The instrumentation scope of the LLM spans. */
  public static final String INSTRUMENTATION_SCOPE = "dev.pillars.llm";

  /** System property that opts in to recording prompt and completion content on LLM spans. */
  public static final String CAPTURE_CONTENT_PROPERTY =
      "otel.instrumentation.genai.capture-message-content";

  /** How many (operation, provider, model) and query operations are cached. */
  static final int MAX_NAMES = 500;

  /** {@code gen_ai_client_operation_time_to_first_chunk_seconds}: streaming calls only. */
  public static final MetricDefinition TIME_TO_FIRST_CHUNK =
      MetricDefinition.histogram("gen_ai.client.operation.time_to_first_chunk")
          .description("Time from the request to the first chunk of a streamed LLM response")
          .unit("s")
          .buckets(bucketsOf(StandardMetrics.LLM_DURATION))
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code gen_ai_client_operation_time_per_output_chunk_seconds}: time between chunks. */
  public static final MetricDefinition TIME_PER_OUTPUT_CHUNK =
      MetricDefinition.histogram("gen_ai.client.operation.time_per_output_chunk")
          .description(
              "Time between consecutive chunks of a streamed LLM response, after the first")
          .unit("s")
          .buckets(bucketsOf(StandardMetrics.LLM_DURATION))
          .labelNames("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_tokens_cache_read_total}: input tokens served from the provider's prompt cache. */
  public static final MetricDefinition CACHE_READ_TOKENS =
      MetricDefinition.counter("llm.tokens.cache_read")
          .description("Input tokens read from the provider's prompt cache (part of the input)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_tokens_cache_creation_total}: input tokens written to the prompt cache. */
  public static final MetricDefinition CACHE_CREATION_TOKENS =
      MetricDefinition.counter("llm.tokens.cache_creation")
          .description("Input tokens written to the provider's prompt cache (part of the input)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_tokens_reasoning_total}: output tokens spent on reasoning. */
  public static final MetricDefinition REASONING_TOKENS =
      MetricDefinition.counter("llm.tokens.reasoning")
          .description("Output tokens spent on reasoning (part of the output)")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_cost_total}: what calls cost, by provider, model and currency. */
  public static final MetricDefinition COST =
      MetricDefinition.counter("llm.cost")
          .description("Cost of LLM calls, from the configured token prices, in the currency label")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model", "currency")
          .build();

  /** {@code llm_unpriced_calls_total}: calls that used tokens of a model that has no price. */
  public static final MetricDefinition UNPRICED_CALLS =
      MetricDefinition.counter("llm.unpriced_calls")
          .description("LLM calls that used tokens of a model with no configured price")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /**
   * {@code llm_errors_total}: failed calls by provider and model, at 0 from the model's first call
   * so that the first failure shows in {@code increase(..)}. The error type is on {@code
   * gen_ai_client_operation_duration_seconds{error_type}} and on the span.
   */
  public static final MetricDefinition ERRORS =
      MetricDefinition.counter("llm.errors")
          .description("Failed LLM calls by provider and model")
          .labelNames("gen_ai.provider.name", "gen_ai.request.model")
          .build();

  /** {@code llm_rate_limit_remaining}: what the provider says is left of a rate limit. */
  public static final MetricDefinition RATE_LIMIT_REMAINING =
      MetricDefinition.gauge("llm.rate_limit.remaining")
          .description("Remaining rate limit reported by the LLM provider (requests or tokens)")
          .labelNames("gen_ai.provider.name", "limit_type")
          .build();

  /** {@code rag_query_latency_seconds}: end-to-end latency of RAG queries. */
  public static final MetricDefinition QUERY_LATENCY =
      MetricDefinition.histogram("rag.query.latency")
          .description("End-to-end RAG query latency in seconds")
          .unit("s")
          .buckets(0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
          .labelNames("operation")
          .build();

  /** {@code rag_requests_total}: RAG queries by operation and status, both at 0 from the first. */
  public static final MetricDefinition REQUESTS =
      MetricDefinition.counter("rag.requests")
          .description("RAG queries by operation and status")
          .labelNames("operation", "status")
          .build();

  /** {@code rag_active_requests}: RAG queries in progress. */
  public static final MetricDefinition ACTIVE_REQUESTS =
      MetricDefinition.gauge("rag.active_requests")
          .description("RAG queries in progress")
          .labelNames("operation")
          .build();

  /** {@code rag_relevance_score}: relevance of retrieved context, 0 to 1. */
  public static final MetricDefinition RELEVANCE =
      MetricDefinition.histogram("rag.relevance.score")
          .description("Relevance score of retrieved documents, 0 to 1")
          .buckets(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
          .labelNames("operation")
          .build();

  /** Every definition this records, for documentation and tests. */
  public static List<MetricDefinition> definitions() {
    return List.of(
        StandardMetrics.LLM_DURATION,
        StandardMetrics.TOKEN_USAGE,
        TIME_TO_FIRST_CHUNK,
        TIME_PER_OUTPUT_CHUNK,
        CACHE_READ_TOKENS,
        CACHE_CREATION_TOKENS,
        REASONING_TOKENS,
        COST,
        UNPRICED_CALLS,
        ERRORS,
        RATE_LIMIT_REMAINING,
        QUERY_LATENCY,
        REQUESTS,
        ACTIVE_REQUESTS,
        RELEVANCE,
        StandardMetrics.CACHE_HITS,
        StandardMetrics.CACHE_MISSES,
        LlmMisuse.MISUSE);
  }

  final Tracer tracer;
  final LongSupplier clock;
  final boolean captureContent;
  final int maxContentLength;
  final LlmMisuse misuse;
  final Histogram duration;
  final Histogram tokens;
  final Histogram timeToFirstChunk;
  final Histogram timePerOutputChunk;
  final Counter cacheReadTokens;
  final Counter cacheCreationTokens;
  final Counter reasoningTokens;
  final Counter cost;
  final Counter unpriced;
  final Counter errors;
  final Gauge active;
  final Histogram latency;
  final Counter requests;
  private final Metrics metrics;
  private final TokenPriceTable prices;
  private final Gauge rateLimit;
  private final Histogram relevance;
  private final Counter cacheHits;
  private final Counter cacheMisses;

  /** model, then provider, then operation: three lookups, no key to allocate. */
  private final ConcurrentHashMap<
          String, ConcurrentHashMap<String, ConcurrentHashMap<String, ModelSeries>>>
      series = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, QuerySeries> queries = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicInteger seriesCount =
      new java.util.concurrent.atomic.AtomicInteger();

  private LlmMetrics(Builder b) {
    this.metrics = b.metrics;
    this.prices = b.prices;
    // under the Java agent only the agent's spans can become current: see AgentMode
    this.tracer = AgentMode.tracerProvider(b.openTelemetry).get(INSTRUMENTATION_SCOPE);
    this.clock = b.clock;
    this.captureContent = b.captureContent;
    this.maxContentLength = b.maxContentLength;
    this.misuse = new LlmMisuse(metrics);
    this.duration = metrics.histogram(StandardMetrics.LLM_DURATION);
    this.tokens = metrics.histogram(StandardMetrics.TOKEN_USAGE);
    this.timeToFirstChunk = metrics.histogram(TIME_TO_FIRST_CHUNK);
    this.timePerOutputChunk = metrics.histogram(TIME_PER_OUTPUT_CHUNK);
    this.cacheReadTokens = metrics.counter(CACHE_READ_TOKENS);
    this.cacheCreationTokens = metrics.counter(CACHE_CREATION_TOKENS);
    this.reasoningTokens = metrics.counter(REASONING_TOKENS);
    this.cost = metrics.counter(COST);
    this.unpriced = metrics.counter(UNPRICED_CALLS);
    this.errors = metrics.counter(ERRORS);
    this.rateLimit = metrics.gauge(RATE_LIMIT_REMAINING);
    this.latency = metrics.histogram(QUERY_LATENCY);
    this.requests = metrics.counter(REQUESTS);
    this.active = metrics.gauge(ACTIVE_REQUESTS);
    this.relevance = metrics.histogram(RELEVANCE);
    this.cacheHits = metrics.counter(StandardMetrics.CACHE_HITS);
    this.cacheMisses = metrics.counter(StandardMetrics.CACHE_MISSES);
  }

  /**
   * Starts configuring the LLM pillar over {@code openTelemetry} (for spans) and {@code metrics}.
   *
   * <pre>{@code
   * LlmMetrics llm = LlmMetrics.builder(pillars.openTelemetry(), pillars.metrics()).build();
   * }</pre>
   */
  public static Builder builder(OpenTelemetry openTelemetry, Metrics metrics) {
    return new Builder(
        Objects.requireNonNull(openTelemetry, "openTelemetry"),
        Objects.requireNonNull(metrics, "metrics"));
  }

  /** The LLM pillar over {@code openTelemetry} and {@code metrics}, costed with {@code prices}. */
  public static LlmMetrics create(
      OpenTelemetry openTelemetry, Metrics metrics, TokenPriceTable prices) {
    return builder(openTelemetry, metrics).prices(prices).build();
  }

  /** The facade this records through. */
  public Metrics metrics() {
    return metrics;
  }

  /** The prices calls are costed with. */
  public TokenPriceTable prices() {
    return prices;
  }

  /**
   * Describes a call to {@code model} of {@code provider} (operation {@code chat} unless changed
   * with {@link LlmCall.Opener#operation}); {@link LlmCall.Opener#start()} opens it. The opener is
   * immutable and bound to its series: keep it in a field on hot paths.
   *
   * @param provider {@code gen_ai.provider.name}: openai, anthropic, aws.bedrock, ...
   * @param model {@code gen_ai.request.model}
   */
  public LlmCall.Opener call(String provider, String model) {
    return new LlmCall.Opener(this, series("chat", provider, model), null);
  }

  /** Opens a chat call to {@code model} of {@code provider} now: {@code call(..).start()}. */
  public LlmCall start(String provider, String model) {
    return call(provider, model).start();
  }

  /** Records a semantic-cache lookup in {@code cache_hits_total} or {@code cache_misses_total}. */
  public void recordCacheLookup(String cacheName, boolean hit) {
    (hit ? cacheHits : cacheMisses).labels(cacheName, "get").increment();
  }

  /** Sets what is left of a provider's rate limit ({@code limitType}: requests or tokens). */
  public void rateLimitRemaining(String provider, String limitType, double remaining) {
    rateLimit.labels(provider, limitType).set(remaining);
  }

  /** Records the relevance score (0 to 1) of what {@code operation} retrieved. */
  public void recordRelevance(String operation, double score) {
    relevance.labels(operation).record(score);
  }

  /**
   * Opens a monitored query: it counts as active until closed, then its latency and outcome are
   * recorded. Call {@link RagQuery#failed(Throwable)} when it fails; LLM calls opened from {@link
   * RagQuery#llmCall} add to its cost.
   */
  public RagQuery startQuery(String operation) {
    return new RagQuery(this, querySeries(clean(operation, "query operation", "_unknown")));
  }

  /**
   * Runs {@code work} as a monitored query (seeds/003's {@code @monitored_query}): active while it
   * runs, latency and status recorded after, an exception marks it failed and is rethrown.
   */
  public <T> T monitorQuery(String operation, Function<RagQuery, T> work) {
    try (RagQuery query = startQuery(operation)) {
      if (work == null) {
        misuse.report(LlmMisuse.Reason.NULL_BODY, "monitorQuery(.., null)");
        return null;
      }
      try {
        return work.apply(query);
      } catch (RuntimeException | Error e) {
        query.failed(e);
        throw e;
      }
    }
  }

  /** The bound series of a call, created (and its failure counter set to 0) on first sight. */
  ModelSeries series(String operation, String provider, String model) {
    var byProvider = model == null ? null : series.get(model);
    var byOperation = byProvider == null || provider == null ? null : byProvider.get(provider);
    ModelSeries s = byOperation == null || operation == null ? null : byOperation.get(operation);
    if (s != null) {
      return s;
    }
    String m = clean(model, "model", "_unknown");
    String p = clean(provider, "provider", "_unknown");
    String o = clean(operation, "operation", "chat");
    var ops =
        series
            .computeIfAbsent(m, k -> new ConcurrentHashMap<>())
            .computeIfAbsent(p, k -> new ConcurrentHashMap<>());
    s = ops.get(o);
    if (s != null) {
      return s;
    }
    if (seriesCount.get() >= MAX_NAMES) {
      misuse.report(
          LlmMisuse.Reason.TOO_MANY_NAMES,
          "more than "
              + MAX_NAMES
              + " (operation, provider, model) seen; '"
              + Text.printable(m)
              + "' is not cached. Models must be a fixed set.");
      return new ModelSeries(this, o, p, m);
    }
    return ops.computeIfAbsent(
        o,
        k -> {
          seriesCount.incrementAndGet();
          return new ModelSeries(this, k, p, m);
        });
  }

  private QuerySeries querySeries(String operation) {
    QuerySeries q = queries.get(operation);
    if (q != null) {
      return q;
    }
    if (queries.size() >= MAX_NAMES) {
      misuse.report(
          LlmMisuse.Reason.TOO_MANY_NAMES,
          "more than "
              + MAX_NAMES
              + " query operations; '"
              + Text.printable(operation)
              + "' is not cached. Operations must be a fixed set.");
      return new QuerySeries(this, operation);
    }
    return queries.computeIfAbsent(operation, o -> new QuerySeries(this, o));
  }

  private String clean(String name, String what, String fallback) {
    if (name == null || name.isBlank()) {
      misuse.report(
          LlmMisuse.Reason.INVALID_NAME,
          "a null or blank " + what + " is recorded as '" + fallback + "'");
      return fallback;
    }
    return name;
  }

  private static double[] bucketsOf(MetricDefinition d) {
    double[] b = new double[d.buckets().size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = d.buckets().get(i);
    }
    return b;
  }

  /** Configures {@link LlmMetrics}; setters return {@code this}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private final Metrics metrics;
    private TokenPriceTable prices = TokenPriceTable.empty();
    private boolean captureContent = captureContentDefault();
    private int maxContentLength = 4096;
    private LongSupplier clock = System::nanoTime;

    private Builder(OpenTelemetry openTelemetry, Metrics metrics) {
      this.openTelemetry = openTelemetry;
      this.metrics = metrics;
    }

    /** The token prices calls are costed with; none by default (every call is unpriced). */
    public Builder prices(TokenPriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /**
     * Records prompts and completions on LLM spans ({@code gen_ai.input.messages}, {@code
     * gen_ai.output.messages}). Off by default because they may hold personal data; the default
     * follows {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} (or system property
     * {@value #CAPTURE_CONTENT_PROPERTY}).
     */
    public Builder captureContent(boolean capture) {
      this.captureContent = capture;
      return this;
    }

    /** The longest captured prompt or completion kept (at least 32 characters); default 4096. */
    public Builder maxContentLength(int length) {
      if (length < 32) {
        throw new IllegalArgumentException(
            "maxContentLength must be at least 32, got " + length + "; try 4096");
      }
      this.maxContentLength = length;
      return this;
    }

    /**
     * The clock of durations, time to first chunk and time between chunks, in nanoseconds ({@link
     * System#nanoTime()} by default); for tests that drive time themselves.
     */
    public Builder nanoClock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds it; instruments are registered now, configuration is frozen. */
    public LlmMetrics build() {
      return new LlmMetrics(this);
    }

    private static boolean captureContentDefault() {
      String v = System.getProperty(CAPTURE_CONTENT_PROPERTY);
      if (v == null) {
        v = System.getenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
      }
      if (v == null || v.isBlank()) {
        return false;
      }
      String t = v.trim().toLowerCase(Locale.ROOT);
      if (!t.equals("true") && !t.equals("false")) {
        throw new IllegalArgumentException(
            "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT must be true or false, got '"
                + v
                + "'");
      }
      return t.equals("true");
    }
  }
}
