package dev.pillars.examples.rag;

import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.RagQuery;
import dev.pillars.metrics.llm.TokenPriceTable;
import dev.pillars.metrics.llm.TokenUsage;
import dev.pillars.tracing.Pipeline;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A simulated RAG pipeline: semantic cache, retrieval, rerank and an LLM call with token counts,
 * cost, rate limits and occasional failures. Nothing here calls a network: stages sleep for a
 * random, scaled time. Claude answers are streamed (time to first chunk, time per chunk) and read a
 * shared 1,024-token system prompt from Anthropic's prompt cache, which the first call writes; GPT
 * answers come whole.
 *
 * <p>Each query is one pipeline run of pillars-tracing ({@code rag_pipeline} root span, one span
 * per stage, {@code pipeline_stage_duration_seconds}, {@code pipeline_stage_errors_total}, {@code
 * pipeline_stages_active}) and one monitored query of core's {@link LlmMetrics} ({@code
 * rag_query_latency_seconds}, {@code rag_requests_total}, {@code rag_active_requests}, {@code
 * rag_relevance_score}, cache hits) whose LLM call is one {@link LlmCall} of core's recorder (its
 * CLIENT span under the {@code generate} stage; tokens with cached ones, duration, time to first
 * chunk, cost or unpriced calls, LLM errors), plus rate limit headroom. The query's latency is
 * recorded inside the root span, so its samples carry the trace as exemplar.
 *
 * <pre>{@code
 * SimulatedRagPipeline rag = new SimulatedRagPipeline(pillars.openTelemetry(), pillars.metrics(),
 *     PipelineTracing.create(pillars), FaultInjection.everyday(), 1.0);
 * RagAnswer a = rag.answer("What is our refund policy?");
 * }</pre>
 */
public final class SimulatedRagPipeline {

  /** The pipeline's name: the {@code operation} of its RAG metrics, the {@code pipeline} label. */
  public static final String OPERATION = "rag_pipeline";

  static final LlmModel GPT = new LlmModel("openai", "gpt-4o-mini");
  static final LlmModel CLAUDE = new LlmModel("anthropic", "claude-3-5-haiku");
  static final LlmModel LLAMA = new LlmModel("ollama", "llama-3.1-8b");

  /**
   * Pillars' bundled prices (GPT and Claude are in it); llama (self-hosted) has none on purpose.
   */
  public static final TokenPriceTable PRICES = TokenPriceTable.bundled();

  /** The shared system prompt Anthropic keeps in its prompt cache. */
  static final long CACHED_PREFIX_TOKENS = 1024;

  private static final int CACHE_CAPACITY = 512;

  private final Metrics metrics;
  private final LlmMetrics llm;
  private final FaultInjection faults;
  private final double latencyScale;
  private final Pipeline pipeline;
  private final Stage cacheStage;
  private final Stage retrievalStage;
  private final Stage rerankStage;
  private final Stage generateStage;
  private final java.util.concurrent.atomic.AtomicBoolean promptCached =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Map<String, String> semanticCache = new ConcurrentHashMap<>();
  private final Map<String, RateLimitWindow> limits =
      Map.of(
          GPT.provider(), new RateLimitWindow(5_000, 2_000_000),
          CLAUDE.provider(), new RateLimitWindow(4_000, 1_000_000),
          LLAMA.provider(), new RateLimitWindow(100_000, 100_000_000));

  /**
   * @param openTelemetry where the LLM spans go
   * @param metrics the facade for the seed metrics LlmMetrics does not cover ({@code
   *     error_count_total}, {@code llm_invocations_total}, {@code cache_size_bytes})
   * @param tracing where the stages are traced ({@link PipelineTracing#create})
   * @param latencyScale multiplies every simulated delay (1.0 is realistic, 0.1 is fast)
   */
  public SimulatedRagPipeline(
      OpenTelemetry openTelemetry,
      Metrics metrics,
      PipelineTracing tracing,
      FaultInjection faults,
      double latencyScale) {
    this.metrics = metrics;
    this.llm = LlmMetrics.create(openTelemetry, metrics, PRICES);
    this.faults = faults;
    this.latencyScale = Double.isFinite(latencyScale) ? Math.max(0, latencyScale) : 1.0;
    this.pipeline = tracing.pipeline(OPERATION);
    this.cacheStage = pipeline.stage("semantic_cache");
    this.retrievalStage = pipeline.stage("retrieval");
    this.rerankStage = pipeline.stage("rerank");
    this.generateStage = pipeline.stage("generate");
    for (LlmModel m : List.of(GPT, CLAUDE, LLAMA)) {
      publishHeadroom(m.provider());
    }
  }

  /** The fault probabilities, which callers may change while the pipeline runs. */
  public FaultInjection faults() {
    return faults;
  }

  /**
   * Answers {@code question} (never used as a label: it only keys the semantic cache).
   *
   * @throws PipelineFailure when a simulated stage fails; the failure is already recorded
   */
  public RagAnswer answer(String question) throws PipelineFailure {
    // resources close in reverse: the query's latency is recorded while the root span is current
    try (StageScope run = pipeline.start();
        RagQuery query = llm.startQuery(OPERATION)) {
      try {
        return run(question == null ? "" : question, query);
      } catch (PipelineFailure f) {
        query.failed(f);
        run.fail(f);
        metrics.incrementCounter(
            "error_count",
            "error_type",
            f.errorType(),
            "endpoint",
            "/query",
            "function",
            f.stage());
        throw f;
      }
    }
  }

  private RagAnswer run(String question, RagQuery query) throws PipelineFailure {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String key = question.strip().toLowerCase(Locale.ROOT);

    // a present entry only counts when the (simulated) similarity clears the threshold
    String cached =
        cacheStage.get(
            () -> {
              pause(2, 6);
              String hit = semanticCache.get(key);
              return hit != null && rnd.nextDouble() < 0.7 ? hit : null;
            });
    query.cacheLookup("semantic", cached != null);
    if (cached != null) {
      return new RagAnswer(cached, "cache", true, 0, 0, OptionalDouble.of(0), 0.9, 0, Double.NaN);
    }

    try (StageScope s = retrievalStage.open()) {
      s.attribute("retrieval.top_k", 5L);
      pause(20, 120);
      if (rnd.nextDouble() < faults.retrievalError()) {
        PipelineFailure f = new PipelineFailure.RetrievalUnavailable();
        s.fail(f);
        throw f;
      }
    }
    double score =
        rerankStage.get(
            () -> {
              pause(5, 30);
              return 0.55 + rnd.nextDouble() * 0.4;
            });
    query.relevance(score);

    LlmModel model = route(rnd.nextDouble());
    long in = 400 + rnd.nextInt(1100);
    long out = 100 + rnd.nextInt(400);
    try (StageScope s = generateStage.open()) {
      RagAnswer generated = generate(model, in, out, rnd, query, s);
      String answer = "A simulated answer grounded in 5 documents (" + model.name() + ").";
      if (semanticCache.size() >= CACHE_CAPACITY) {
        semanticCache.clear();
      }
      semanticCache.put(key, answer);
      metrics.setGauge("cache_size", semanticCache.size() * 256.0, "cache_name", "semantic");
      return new RagAnswer(
          answer,
          model.name(),
          false,
          generated.inputTokens(),
          generated.outputTokens(),
          generated.costUsd(),
          score,
          generated.cachedInputTokens(),
          generated.timeToFirstChunkMillis());
    }
  }

  /**
   * The LLM call, recorded once by core's {@link LlmCall} as a child span of the generate stage.
   * Claude streams, and reads the shared system prompt from the prompt cache after the first call
   * wrote it.
   */
  private RagAnswer generate(
      LlmModel model, long in, long out, ThreadLocalRandom rnd, RagQuery query, StageScope stage)
      throws PipelineFailure {
    RateLimitWindow window = limits.get(model.provider());
    boolean streams = model == CLAUDE;
    LlmCall call = query.llmCall(model.provider(), model.name()).start();
    try {
      if (!window.tryAcquire() || rnd.nextDouble() < faults.rateLimit()) {
        throw new PipelineFailure.RateLimited();
      }
      double ttfcMillis = Double.NaN;
      if (streams) {
        long t0 = System.nanoTime();
        pause(120, 450); // the provider reads the prompt
        call.chunk();
        ttfcMillis = (System.nanoTime() - t0) / 1e6;
        for (long sent = 0; sent < out; sent += 40) {
          pause(4, 12);
          if (rnd.nextDouble() < faults.llmError() / 8) {
            // a stream that breaks midway: what came is kept, the call is a failure
            call.recordUsage(usage(model, in, sent));
            throw new PipelineFailure.LlmTimeout();
          }
          call.chunk();
        }
      } else {
        pause(150 + (int) out, 400 + (int) out);
      }
      if (rnd.nextDouble() < faults.llmError()) {
        throw new PipelineFailure.LlmTimeout();
      }
      window.spendTokens(in + out);
      TokenUsage usage = usage(model, in, out);
      call.recordUsage(usage).responseModel(model.name()).finishReason("stop").end();
      metrics.incrementCounter("llm_invocations", "model_id", model.name(), "status", "success");
      return new RagAnswer(
          "",
          model.name(),
          false,
          usage.inputTokens(),
          out,
          call.cost(),
          0,
          Math.max(0, usage.cacheReadInputTokens()),
          ttfcMillis);
    } catch (PipelineFailure f) {
      call.fail(f);
      metrics.incrementCounter("llm_invocations", "model_id", model.name(), "status", "failed");
      stage.fail(f);
      throw f;
    } finally {
      publishHeadroom(model.provider());
    }
  }

  /** What the provider reports: Anthropic's cache read (or, the first time, cache write). */
  private TokenUsage usage(LlmModel model, long in, long out) {
    if (model != CLAUDE) {
      return TokenUsage.of(in, out);
    }
    boolean written = promptCached.getAndSet(true);
    return written
        ? TokenUsage.anthropic(in, out, CACHED_PREFIX_TOKENS, 0)
        : TokenUsage.anthropic(in, out, 0, CACHED_PREFIX_TOKENS);
  }

  private void publishHeadroom(String provider) {
    RateLimitWindow w = limits.get(provider);
    llm.rateLimitRemaining(provider, "requests", w.remainingRequests());
    llm.rateLimitRemaining(provider, "tokens", w.remainingTokens());
  }

  private static LlmModel route(double r) {
    return r < 0.70 ? GPT : r < 0.95 ? CLAUDE : LLAMA;
  }

  private void pause(int minMs, int maxMs) {
    long micros =
        (long) (ThreadLocalRandom.current().nextInt(minMs * 1000, maxMs * 1000 + 1) * latencyScale);
    if (micros <= 0) {
      return;
    }
    try {
      Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
