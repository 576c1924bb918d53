package dev.pillars.examples.seeds;

import dev.pillars.Pillars;
import dev.pillars.logging.events.StructuredLogger;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.metrics.llm.TokenPriceTable;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds/003: monitored RAG queries with structured logs. Each query runs in a span, as a monitored
 * query of core's {@link LlmMetrics} (seeds/003's {@code @monitored_query}: active while it runs,
 * then latency, status, cache lookup, tokens, cost and relevance), and is logged by
 * pillars-logging's {@link StructuredLogger} as a {@code request} event and then a {@code response}
 * or {@code error} event, each JSON line carrying the span's {@code trace_id}. The question and the
 * user id appear only hashed ({@code sha256:...}).
 *
 * <pre>{@code
 * MonitoredQueries rag = new MonitoredQueries(pillars, LoggerFactory.getLogger("rag"), new Random());
 * MonitoredQueries.Answer a = rag.query("What is the status of project 3?", "alice", false);
 * }</pre>
 */
public final class MonitoredQueries {

  /** The {@code operation} label of the queries. */
  public static final String OPERATION = "rag_pipeline";

  /** The model of the seed, priced at USD 30 / 60 per million input / output tokens. */
  public static final String MODEL = "gpt-4";

  static final TokenPriceTable PRICES = TokenPriceTable.builder().price(MODEL, 30, 60).build();

  private final LlmMetrics llm;
  private final Tracer tracer;
  private final StructuredLogger events;
  private final Random random;

  /**
   * @param logger where the structured events go
   * @param random the source of the simulated token counts and scores (seed it for repeatable runs)
   */
  public MonitoredQueries(Pillars pillars, Logger logger, Random random) {
    this.llm = LlmMetrics.create(pillars.openTelemetry(), pillars.metrics(), PRICES);
    this.tracer = pillars.tracer("dev.pillars.examples.seeds");
    this.events = StructuredLogger.of(logger);
    this.random = random;
  }

  /**
   * What one query produced.
   *
   * @param ok whether it was answered
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   * @param relevance relevance of the context, 0..1
   * @param cached whether the semantic cache answered
   * @param costUsd the cost, empty for a rejected query
   * @param traceId the query's trace id
   */
  public record Answer(
      boolean ok,
      long inputTokens,
      long outputTokens,
      double relevance,
      boolean cached,
      OptionalDouble costUsd,
      String traceId) {}

  /**
   * Answers {@code question} for {@code userId}; the cache answers when {@code useCache}. A blank
   * question is rejected (counted as an error, logged as an error event), never thrown.
   */
  public Answer query(String question, String userId, boolean useCache) {
    Span span = tracer.spanBuilder("rag_query").startSpan();
    long start = System.nanoTime();
    try (Scope ignored = span.makeCurrent()) {
      String traceId = span.getSpanContext().getTraceId();
      events.logRequest(question, userId, null, "/api/query");
      try {
        Answer a =
            llm.monitorQuery(
                OPERATION,
                q -> {
                  if (question == null || question.isBlank()) {
                    throw new IllegalArgumentException("the question is empty");
                  }
                  q.cacheLookup("semantic", useCache);
                  long in = useCache ? 450 : 400 + random.nextInt(1100);
                  long out = useCache ? 120 : 100 + random.nextInt(400);
                  double relevance = 0.7 + random.nextDouble() * 0.25;
                  OptionalDouble cost =
                      OptionalDouble.of(0.0); // the cache answered: no call, nothing to pay
                  if (!useCache) {
                    LlmCall call = q.llmCall("openai", MODEL).start();
                    call.recordUsage(in, out).end();
                    cost = call.cost();
                  }
                  q.relevance(relevance);
                  return new Answer(true, in, out, relevance, useCache, cost, traceId);
                });
        events.logResponse(
            (System.nanoTime() - start) / 1e6,
            a.inputTokens(),
            a.outputTokens(),
            a.costUsd().orElse(Double.NaN),
            true,
            MODEL,
            a.cached());
        return a;
      } catch (RuntimeException e) {
        span.setStatus(StatusCode.ERROR, e.getClass().getName());
        span.setAttribute("error.type", e.getClass().getName());
        events.logError(
            e,
            userId == null
                ? Map.of("endpoint", "/api/query")
                : Map.of("endpoint", "/api/query", "user_id", userId));
        return new Answer(false, 0, 0, 0, false, OptionalDouble.empty(), traceId);
      }
    } finally {
      span.end();
    }
  }

  /** Runs the seed's five sample queries, alternating the cache, and prints the RAG metrics. */
  public static void main(String[] args) {
    try (Pillars pillars =
        Pillars.builder().serviceName("rag-service").prometheusEndpoint(false).build()) {
      MonitoredQueries rag =
          new MonitoredQueries(
              pillars, LoggerFactory.getLogger(MonitoredQueries.class), new Random());
      for (int i = 0; i < 5; i++) {
        Answer a = rag.query("What is the status of project " + i + "?", "alice", i % 2 == 0);
        System.out.printf(
            "Query %d: tokens=%d+%d, relevance=%.2f, cached=%b%n",
            i + 1, a.inputTokens(), a.outputTokens(), a.relevance(), a.cached());
      }
      pillars
          .metricsText()
          .lines()
          .filter(
              l ->
                  (l.startsWith("rag_") || l.startsWith("llm_") || l.startsWith("cache_"))
                      && !l.contains("_bucket{"))
          .forEach(System.out::println);
    }
  }
}
