package dev.pillars.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.pillars.examples.rag.PipelineFailure;
import dev.pillars.examples.rag.RagAnswer;
import dev.pillars.examples.rag.SimulatedRagPipeline;
import dev.pillars.logging.events.StructuredLogger;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /query} with {@code {"question": "..."}}: runs the simulated RAG pipeline and answers
 * JSON with the answer, model, tokens, cost and trace id. Bad input (wrong method, no question, a
 * body over 16 KiB, not UTF-8 JSON) is a 4xx, never an exception. Each query is logged as
 * structured events (request, then response or error, each line with the trace id); the question
 * appears only hashed, with its length.
 */
final class QueryHandler implements HttpHandler {

  static final int MAX_BODY = 16 * 1024;

  /** Query text and user ids hashed (the default policy); keys: event_type, query_chars... */
  private static final StructuredLogger EVENTS =
      StructuredLogger.of(LoggerFactory.getLogger(QueryHandler.class));

  private static final Pattern QUESTION =
      Pattern.compile("\"question\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final SimulatedRagPipeline pipeline;

  QueryHandler(SimulatedRagPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod().toUpperCase(Locale.ROOT))) {
      exchange.getResponseHeaders().set("Allow", "POST");
      send(exchange, 405, "{\"error\":\"use POST\"}");
      return;
    }
    byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      send(exchange, 413, "{\"error\":\"body over 16 KiB\"}");
      return;
    }
    Matcher m = QUESTION.matcher(new String(body, StandardCharsets.UTF_8));
    if (!m.find() || m.group(1).isBlank()) {
      send(exchange, 400, "{\"error\":\"send {\\\"question\\\": \\\"...\\\"}\"}");
      return;
    }
    String question = m.group(1);
    String traceId = Span.current().getSpanContext().getTraceId();
    // the question goes to the log hashed (joinable across lines, not readable), never plain
    EVENTS.logRequest(question, null, null, "/query");
    long start = System.nanoTime();
    try {
      RagAnswer a = pipeline.answer(question);
      EVENTS.logResponse(
          (System.nanoTime() - start) / 1e6,
          a.inputTokens(),
          a.outputTokens(),
          a.costUsd().orElse(Double.NaN),
          true,
          a.model(),
          a.cached());
      send(exchange, 200, json(a, traceId));
    } catch (PipelineFailure f) {
      if (f.httpStatus() == 429) {
        // the provider said "not now": expected, a WARN response event rather than an error
        EVENTS.logResponse((System.nanoTime() - start) / 1e6, 0, 0, Double.NaN, false, null, false);
        exchange.getResponseHeaders().set("Retry-After", "1");
      } else {
        EVENTS.logError(
            f,
            Map.of(
                "endpoint",
                "/query",
                "stage",
                f.stage(),
                "failure",
                f.errorType(),
                "http_status",
                f.httpStatus()));
      }
      send(
          exchange,
          f.httpStatus(),
          "{\"error\":\""
              + f.errorType()
              + "\",\"stage\":\""
              + f.stage()
              + "\",\"trace_id\":\""
              + traceId
              + "\"}");
    }
  }

  private static String json(RagAnswer a, String traceId) {
    // an unpriced model's cost is null, never a made-up 0
    String cost =
        a.costUsd().isPresent()
            ? String.format(Locale.ROOT, "%.8f", a.costUsd().getAsDouble())
            : "null";
    String ttfc =
        Double.isNaN(a.timeToFirstChunkMillis())
            ? "null"
            : String.format(Locale.ROOT, "%.1f", a.timeToFirstChunkMillis());
    return String.format(
        Locale.ROOT,
        "{\"answer\":\"%s\",\"model\":\"%s\",\"cached\":%b,\"input_tokens\":%d,"
            + "\"output_tokens\":%d,\"cached_input_tokens\":%d,\"cost_usd\":%s,"
            + "\"time_to_first_chunk_ms\":%s,\"relevance\":%.3f,\"trace_id\":\"%s\"}",
        a.answer().replace("\"", "'"),
        a.model(),
        a.cached(),
        a.inputTokens(),
        a.outputTokens(),
        a.cachedInputTokens(),
        cost,
        ttfc,
        a.relevance(),
        traceId);
  }

  static byte[] readAtMost(InputStream in, int limit) throws IOException {
    byte[] b = in.readNBytes(limit);
    return b;
  }

  static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
