package dev.pillars.examples;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * What a {@link TrafficDriver} run saw, as the client measured it.
 *
 * @param requests queries sent
 * @param ok 2xx answers
 * @param rateLimited 429 answers
 * @param failed 5xx answers and connection failures
 * @param rejected other 4xx answers (malformed requests, on purpose)
 * @param p50Millis median latency
 * @param p95Millis 95th percentile latency
 * @param inputTokens input tokens of the answers
 * @param outputTokens output tokens of the answers
 * @param costUsd cost of the priced answers
 * @param unpricedCalls answers from models without a price (not in the cost)
 * @param elapsed how long the drive took
 * @param clients how many clients sent traffic
 * @param costByModel cost of the answers of each priced model
 * @param unpricedByModel answers of each unpriced model (their cost is unknown, not 0)
 * @param cachedInputTokens input tokens the providers read from their prompt caches
 * @param streamed answers that were streamed
 * @param ttfcP50Millis median time to first chunk of the streamed answers
 * @param ttfcP95Millis 95th percentile time to first chunk
 */
public record DriveSummary(
    long requests,
    long ok,
    long rateLimited,
    long failed,
    long rejected,
    double p50Millis,
    double p95Millis,
    long inputTokens,
    long outputTokens,
    double costUsd,
    long unpricedCalls,
    Duration elapsed,
    int clients,
    Map<String, Double> costByModel,
    Map<String, Long> unpricedByModel,
    long cachedInputTokens,
    long streamed,
    double ttfcP50Millis,
    double ttfcP95Millis) {

  /** Copies the maps. */
  public DriveSummary {
    costByModel = Map.copyOf(costByModel);
    unpricedByModel = Map.copyOf(unpricedByModel);
  }

  /** Share of queries that failed (429 and 5xx) among those that were well formed. */
  public double errorRate() {
    long considered = requests - rejected;
    return considered == 0 ? 0 : (double) (rateLimited + failed) / considered;
  }

  /** The short report that {@code --drive} prints. */
  public String format(URI base) {
    double secs = Math.max(0.001, elapsed.toMillis() / 1000.0);
    return String.format(
        Locale.ROOT,
        "Drove %d queries in %.1f s (%.1f/s) with %d clients%n"
            + "  latency    p50 %.0f ms, p95 %.0f ms%n"
            + "  errors     %.1f%% (%d rate-limited, %d server errors; %d malformed on purpose)%n"
            + "  tokens     %d input, %d output%n"
            + "  cost       $%.4f (+ %d calls to unpriced models, not in the cost)%n"
            + "  by model   %s%n"
            + "  cached     %d input tokens read from prompt caches (%.1f%% of input)%n"
            + "  streaming  %d answers streamed; time to first chunk p50 %.0f ms, p95 %.0f ms%n"
            + "Where to look:%n"
            + "  metrics    %s/metrics  (rag_*, llm_*, gen_ai_*, pipeline_stage_*, request_*)%n"
            + "  traces     OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT, if set (Tempo in the stack)%n"
            + "  logs       JSON lines on stdout (event_type request/response/error), each with"
            + " trace_id%n"
            + "  dashboards http://localhost:3000 when examples/stack runs (admin/admin)",
        requests,
        secs,
        requests / secs,
        clients,
        p50Millis,
        p95Millis,
        100 * errorRate(),
        rateLimited,
        failed,
        rejected,
        inputTokens,
        outputTokens,
        costUsd,
        unpricedCalls,
        byModel(),
        cachedInputTokens,
        inputTokens == 0 ? 0 : 100.0 * cachedInputTokens / inputTokens,
        streamed,
        ttfcP50Millis,
        ttfcP95Millis,
        base);
  }

  private String byModel() {
    StringJoiner j = new StringJoiner(", ");
    new TreeMap<>(costByModel)
        .forEach((m, c) -> j.add(String.format(Locale.ROOT, "%s $%.4f", m, c)));
    new TreeMap<>(unpricedByModel).forEach((m, n) -> j.add(m + " unpriced (" + n + " calls)"));
    return j.length() == 0 ? "none" : j.toString();
  }

  static DriveSummary of(List<Tally> tallies, Duration elapsed, int clients) {
    List<Long> latencies = new ArrayList<>();
    List<Long> ttfc = new ArrayList<>();
    Map<String, Double> costByModel = new TreeMap<>();
    Map<String, Long> unpricedByModel = new TreeMap<>();
    long cached = 0;
    long requests = 0, ok = 0, limited = 0, failed = 0, rejected = 0, in = 0, out = 0, unpriced = 0;
    double cost = 0;
    for (Tally t : tallies) {
      latencies.addAll(t.latencies);
      requests += t.latencies.size();
      ok += t.ok;
      limited += t.rateLimited;
      failed += t.failed;
      rejected += t.rejected;
      in += t.inputTokens;
      out += t.outputTokens;
      cost += t.cost;
      unpriced += t.unpriced;
      ttfc.addAll(t.ttfcNanos);
      cached += t.cachedInputTokens;
      t.costByModel.forEach((m, c) -> costByModel.merge(m, c, Double::sum));
      t.unpricedByModel.forEach((m, n) -> unpricedByModel.merge(m, n, Long::sum));
    }
    latencies.sort(null);
    ttfc.sort(null);
    return new DriveSummary(
        requests,
        ok,
        limited,
        failed,
        rejected,
        percentile(latencies, 0.50),
        percentile(latencies, 0.95),
        in,
        out,
        cost,
        unpriced,
        elapsed,
        clients,
        costByModel,
        unpricedByModel,
        cached,
        ttfc.size(),
        percentile(ttfc, 0.50),
        percentile(ttfc, 0.95));
  }

  private static double percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  /** One client's counts; confined to its thread until the drive ends. */
  static final class Tally {
    final List<Long> latencies = new ArrayList<>();
    long ok;
    long rateLimited;
    long failed;
    long rejected;
    long inputTokens;
    long outputTokens;
    double cost;
    long unpriced;
    final List<Long> ttfcNanos = new ArrayList<>();
    final Map<String, Double> costByModel = new TreeMap<>();
    final Map<String, Long> unpricedByModel = new TreeMap<>();
    long cachedInputTokens;

    /** An answer's model, cost (NaN when unpriced), cached tokens and time to first chunk. */
    void answered(String model, double usd, long cachedTokens, double ttfcMillis) {
      if (!"cache".equals(model)) {
        if (Double.isNaN(usd)) {
          unpricedByModel.merge(model, 1L, Long::sum);
        } else {
          costByModel.merge(model, usd, Double::sum);
        }
      }
      cachedInputTokens += cachedTokens;
      if (!Double.isNaN(ttfcMillis)) {
        ttfcNanos.add((long) (ttfcMillis * 1e6));
      }
    }

    void add(int status, long nanos, long in, long out, double usd) {
      latencies.add(nanos);
      if (status >= 200 && status < 300) {
        ok++;
        inputTokens += in;
        outputTokens += out;
        if (Double.isNaN(usd)) {
          unpriced++;
        } else {
          cost += usd;
        }
      } else if (status == 429) {
        rateLimited++;
      } else if (status >= 400 && status < 500) {
        rejected++;
      } else {
        failed++;
      }
    }
  }
}
