package dev.pillars.examples.rag;

import dev.pillars.metrics.BoundGauge;
import dev.pillars.metrics.BoundHistogram;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A simulated RAG pipeline: semantic cache, retrieval, rerank and an LLM call with token counts,
 * cost, rate limits and occasional failures. Each stage is a span (so histogram samples carry
 * exemplars pointing at the trace) and records the seed metrics. Nothing here calls a network:
 * stages sleep for a random, scaled time.
 *
 * <pre>{@code
 * SimulatedRagPipeline rag = new SimulatedRagPipeline(pillars.metrics(), tracer,
 *     FaultInjection.everyday(), 1.0);
 * RagAnswer a = rag.answer("What is our refund policy?");
 * }</pre>
 */
public final class SimulatedRagPipeline {

  /** The {@code operation} label of the whole pipeline. */
  public static final String OPERATION = "rag_pipeline";

  static final LlmModel GPT = new LlmModel("openai", "gpt-4o-mini", 0.15, 0.60);
  static final LlmModel CLAUDE = new LlmModel("anthropic", "claude-3-5-haiku", 0.80, 4.00);
  static final LlmModel LLAMA = LlmModel.unpriced("ollama", "llama-3.1-8b");

  private static final int CACHE_CAPACITY = 512;

  private final RagMetrics rag;
  private final Metrics metrics;
  private final Tracer tracer;
  private final FaultInjection faults;
  private final double latencyScale;
  private final Map<String, String> semanticCache = new ConcurrentHashMap<>();
  private final Map<String, RateLimitWindow> limits =
      Map.of(
          GPT.provider(), new RateLimitWindow(5_000, 2_000_000),
          CLAUDE.provider(), new RateLimitWindow(4_000, 1_000_000),
          LLAMA.provider(), new RateLimitWindow(100_000, 100_000_000));
  private final BoundGauge active;
  private final BoundHistogram latency;
  private final BoundHistogram relevance;
  private final BoundHistogram retrievalTime;
  private final BoundHistogram rerankTime;

  /**
   * @param latencyScale multiplies every simulated delay (1.0 is realistic, 0.1 is fast)
   */
  public SimulatedRagPipeline(
      Metrics metrics, Tracer tracer, FaultInjection faults, double latencyScale) {
    this.metrics = metrics;
    this.rag = new RagMetrics(metrics);
    this.tracer = tracer;
    this.faults = faults;
    this.latencyScale = Double.isFinite(latencyScale) ? Math.max(0, latencyScale) : 1.0;
    this.active = rag.active.labels(OPERATION);
    this.latency = rag.queryLatency.labels(OPERATION);
    this.relevance = rag.relevance.labels(OPERATION);
    this.retrievalTime = metrics.histogram(StandardMetrics.RETRIEVAL_TIME)
        .labels("vector_search", "vector_store");
    this.rerankTime = metrics.histogram(StandardMetrics.RETRIEVAL_TIME)
        .labels("rerank", "cross_encoder");
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
    long start = System.nanoTime();
    active.increment();
    try {
      RagAnswer a = run(question == null ? "" : question);
      rag.requests.labels(OPERATION, "success").increment();
      relevance.record(a.relevance());
      return a;
    } catch (PipelineFailure f) {
      rag.requests.labels(OPERATION, "error").increment();
      metrics.incrementCounter(
          "error_count", "error_type", f.errorType(), "endpoint", "/query", "function", f.stage());
      throw f;
    } finally {
      latency.recordNanos(System.nanoTime() - start);
      active.decrement();
    }
  }

  private RagAnswer run(String question) throws PipelineFailure {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    String key = question.strip().toLowerCase(Locale.ROOT);

    String cached = stage("semantic_cache", 2, 6, () -> semanticCache.get(key));
    // a present entry only counts when the (simulated) similarity clears the threshold
    if (cached != null && rnd.nextDouble() < 0.7) {
      metrics.incrementCounter("cache_hits", "cache_name", "semantic", "operation", "get");
      return new RagAnswer(cached, "cache", true, 0, 0, OptionalDouble.of(0), 0.9);
    }
    metrics.incrementCounter("cache_misses", "cache_name", "semantic", "operation", "get");

    long t = System.nanoTime();
    stage("retrieval", 20, 120, () -> null);
    if (rnd.nextDouble() < faults.retrievalError()) {
      throw new PipelineFailure(
          "retrieval_unavailable", "retrieval", 503, "the vector store did not answer");
    }
    retrievalTime.recordNanos(System.nanoTime() - t);
    t = System.nanoTime();
    stage("rerank", 5, 30, () -> null);
    rerankTime.recordNanos(System.nanoTime() - t);
    double score = 0.55 + rnd.nextDouble() * 0.4;

    LlmModel model = route(rnd.nextDouble());
    long in = 400 + rnd.nextInt(1100);
    long out = 100 + rnd.nextInt(400);
    OptionalDouble cost = callLlm(model, in, out, rnd);

    String answer = "A simulated answer grounded in 5 documents (" + model.name() + ").";
    if (semanticCache.size() >= CACHE_CAPACITY) {
      semanticCache.clear();
    }
    semanticCache.put(key, answer);
    metrics.setGauge(
        "cache_size", semanticCache.size() * 256.0, "cache_name", "semantic");
    return new RagAnswer(answer, model.name(), false, in, out, cost, score);
  }

  private OptionalDouble callLlm(LlmModel model, long in, long out, ThreadLocalRandom rnd)
      throws PipelineFailure {
    Span span = tracer.spanBuilder("chat " + model.name()).startSpan();
    span.setAttribute("gen_ai.operation.name", "chat");
    span.setAttribute("gen_ai.provider.name", model.provider());
    span.setAttribute("gen_ai.request.model", model.name());
    long start = System.nanoTime();
    RateLimitWindow window = limits.get(model.provider());
    try (Scope ignored = span.makeCurrent()) {
      if (!window.tryAcquire() || rnd.nextDouble() < faults.rateLimit()) {
        throw llmFailure(model, span, start, "rate_limited", 429, "the provider's rate limit is spent");
      }
      pause(150 + (int) out, 400 + (int) out);
      if (rnd.nextDouble() < faults.llmError()) {
        throw llmFailure(model, span, start, "timeout", 504, "the LLM did not answer in time");
      }
      window.spendTokens(in + out);
      metrics.recordHistogram(
          rag.llmDuration.definition().name(),
          (System.nanoTime() - start) / 1e9,
          "gen_ai.operation.name", "chat",
          "gen_ai.provider.name", model.provider(),
          "gen_ai.request.model", model.name());
      recordTokens(model, "input", in);
      recordTokens(model, "output", out);
      span.setAttribute("gen_ai.usage.input_tokens", in);
      span.setAttribute("gen_ai.usage.output_tokens", out);
      metrics.incrementCounter("llm_invocations", "model_id", model.name(), "status", "success");
      OptionalDouble cost = model.cost(in, out);
      if (cost.isPresent()) {
        rag.cost.labels(model.provider(), model.name()).increment(cost.getAsDouble());
      } else {
        rag.unpriced.labels(model.provider(), model.name()).increment();
      }
      return cost;
    } finally {
      publishHeadroom(model.provider());
      span.end();
    }
  }

  private PipelineFailure llmFailure(
      LlmModel model, Span span, long start, String type, int status, String message) {
    metrics.recordHistogram(
        rag.llmDuration.definition().name(),
        (System.nanoTime() - start) / 1e9,
        "gen_ai.operation.name", "chat",
        "gen_ai.provider.name", model.provider(),
        "gen_ai.request.model", model.name(),
        "error.type", type);
    rag.llmErrors.labels(model.provider(), model.name(), type).increment();
    metrics.incrementCounter("llm_invocations", "model_id", model.name(), "status", "failed");
    span.setStatus(StatusCode.ERROR, type);
    span.setAttribute("error.type", type);
    return new PipelineFailure(type, "llm", status, message);
  }

  private void recordTokens(LlmModel model, String type, long n) {
    rag.tokenUsage.labels("chat", model.provider(), model.name(), type).record(n);
  }

  private void publishHeadroom(String provider) {
    RateLimitWindow w = limits.get(provider);
    rag.rateLimitRemaining.labels(provider, "requests").set(w.remainingRequests());
    rag.rateLimitRemaining.labels(provider, "tokens").set(w.remainingTokens());
  }

  private static LlmModel route(double r) {
    return r < 0.70 ? GPT : r < 0.95 ? CLAUDE : LLAMA;
  }

  /** A stage that cannot fail: a span around a simulated delay and {@code work}. */
  private <T> T stage(String name, int minMs, int maxMs, Supplier<T> work) {
    Span span = tracer.spanBuilder(name).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      pause(minMs, maxMs);
      return work.get();
    } finally {
      span.end();
    }
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
