package dev.pillars.metrics.llm;

import dev.pillars.AgentMode;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

  /** {@code gen_ai_client_operation_time_to_first_chunk_seconds}: streaming calls only. */
  public static final MetricDefinition TIME_TO_FIRST_CHUNK = LlmDefinitions.TIME_TO_FIRST_CHUNK;

  /** {@code gen_ai_client_operation_time_per_output_chunk_seconds}: time between chunks. */
  public static final MetricDefinition TIME_PER_OUTPUT_CHUNK = LlmDefinitions.TIME_PER_OUTPUT_CHUNK;

  /** {@code llm_tokens_cache_read_total}: input tokens served from the provider's prompt cache. */
  public static final MetricDefinition CACHE_READ_TOKENS = LlmDefinitions.CACHE_READ_TOKENS;

  /** {@code llm_tokens_cache_creation_total}: input tokens written to the prompt cache. */
  public static final MetricDefinition CACHE_CREATION_TOKENS = LlmDefinitions.CACHE_CREATION_TOKENS;

  /** {@code llm_tokens_reasoning_total}: output tokens spent on reasoning. */
  public static final MetricDefinition REASONING_TOKENS = LlmDefinitions.REASONING_TOKENS;

  /** {@code llm_cost_total}: what calls cost, by provider, model and currency. */
  public static final MetricDefinition COST = LlmDefinitions.COST;

  /** {@code llm_unpriced_calls_total}: calls that used tokens of a model that has no price. */
  public static final MetricDefinition UNPRICED_CALLS = LlmDefinitions.UNPRICED_CALLS;

  /**
   * {@code llm_errors_total}: failed calls by provider and model, at 0 from the model's first call
   * so that the first failure shows in {@code increase(..)}. The error type is on {@code
   * gen_ai_client_operation_duration_seconds{error_type}} and on the span.
   */
  public static final MetricDefinition ERRORS = LlmDefinitions.ERRORS;

  /** {@code llm_rate_limit_remaining}: what the provider says is left of a rate limit. */
  public static final MetricDefinition RATE_LIMIT_REMAINING = LlmDefinitions.RATE_LIMIT_REMAINING;

  /** {@code rag_query_latency_seconds}: end-to-end latency of RAG queries. */
  public static final MetricDefinition QUERY_LATENCY = LlmDefinitions.QUERY_LATENCY;

  /** {@code rag_requests_total}: RAG queries by operation and status, both at 0 from the first. */
  public static final MetricDefinition REQUESTS = LlmDefinitions.REQUESTS;

  /** {@code rag_active_requests}: RAG queries in progress. */
  public static final MetricDefinition ACTIVE_REQUESTS = LlmDefinitions.ACTIVE_REQUESTS;

  /** {@code rag_relevance_score}: relevance of retrieved context, 0 to 1. */
  public static final MetricDefinition RELEVANCE = LlmDefinitions.RELEVANCE;

  /** Every definition this records, for documentation and tests. */
  public static List<MetricDefinition> definitions() {
    return LlmDefinitions.ALL;
  }

  private final LlmRecorder recorder;

  private LlmMetrics(Builder b) {
    this.recorder =
        new LlmRecorder(
            // under the Java agent only the agent's spans can become current: see AgentMode
            AgentMode.tracerProvider(b.openTelemetry).get(INSTRUMENTATION_SCOPE),
            b.clock,
            b.captureContent,
            b.maxContentLength,
            new LlmInstruments(b.metrics, b.prices));
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
    return recorder.instruments.metrics;
  }

  /** The prices calls are costed with. */
  public TokenPriceTable prices() {
    return recorder.instruments.prices;
  }

  /** Whether prompt and completion content is recorded on the calls' spans (off by default). */
  public boolean capturesContent() {
    return recorder.captureContent;
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
    return new LlmCall.Opener(recorder, recorder.series("chat", provider, model), null);
  }

  /** Opens a chat call to {@code model} of {@code provider} now: {@code call(..).start()}. */
  public LlmCall start(String provider, String model) {
    return call(provider, model).start();
  }

  /** Records a semantic-cache lookup in {@code cache_hits_total} or {@code cache_misses_total}. */
  public void recordCacheLookup(String cacheName, boolean hit) {
    recorder.instruments.recordCacheLookup(cacheName, hit);
  }

  /** Sets what is left of a provider's rate limit ({@code limitType}: requests or tokens). */
  public void rateLimitRemaining(String provider, String limitType, double remaining) {
    recorder.instruments.rateLimitRemaining(provider, limitType, remaining);
  }

  /** Records the relevance score (0 to 1) of what {@code operation} retrieved. */
  public void recordRelevance(String operation, double score) {
    recorder.instruments.recordRelevance(operation, score);
  }

  /**
   * Opens a monitored query: it counts as active until closed, then its latency and outcome are
   * recorded. Call {@link RagQuery#failed(Throwable)} when it fails; LLM calls opened from {@link
   * RagQuery#llmCall} add to its cost.
   */
  public RagQuery startQuery(String operation) {
    return new RagQuery(recorder, recorder.querySeries(operation));
  }

  /**
   * Runs {@code work} as a monitored query (seeds/003's {@code @monitored_query}): active while it
   * runs, latency and status recorded after, an exception marks it failed and is rethrown.
   */
  public <T> T monitorQuery(String operation, Function<RagQuery, T> work) {
    try (RagQuery query = startQuery(operation)) {
      if (work == null) {
        recorder.misuse.report(LlmMisuse.Reason.NULL_BODY, "monitorQuery(.., null)");
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
