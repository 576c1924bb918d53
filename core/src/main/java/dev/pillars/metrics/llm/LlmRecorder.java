package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What every call and query of one {@link LlmMetrics} records through: the tracer, the clock, the
 * content capture settings, the instruments, and the bound series of each (operation, provider,
 * model) and query operation, created on first sight and cached up to {@link #MAX_NAMES}.
 */
final class LlmRecorder {

  /** How many (operation, provider, model) and query operations are cached. */
  static final int MAX_NAMES = 500;

  final Tracer tracer;
  final LongSupplier clock;
  final boolean captureContent;
  final int maxContentLength;
  final LlmInstruments instruments;
  final LlmMisuse misuse;

  /** model, then provider, then operation: three lookups, no key to allocate. */
  private final ConcurrentHashMap<
          String, ConcurrentHashMap<String, ConcurrentHashMap<String, ModelSeries>>>
      series = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<String, QuerySeries> queries = new ConcurrentHashMap<>();
  private final AtomicInteger seriesCount = new AtomicInteger();

  LlmRecorder(
      Tracer tracer,
      LongSupplier clock,
      boolean captureContent,
      int maxContentLength,
      LlmInstruments instruments) {
    this.tracer = tracer;
    this.clock = clock;
    this.captureContent = captureContent;
    this.maxContentLength = maxContentLength;
    this.instruments = instruments;
    this.misuse = instruments.misuse;
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
      return new ModelSeries(instruments, o, p, m);
    }
    return ops.computeIfAbsent(
        o,
        k -> {
          seriesCount.incrementAndGet();
          return new ModelSeries(instruments, k, p, m);
        });
  }

  /** The bound series of a query operation; a null or blank one is recorded as {@code _unknown}. */
  QuerySeries querySeries(String operation) {
    String o = clean(operation, "query operation", "_unknown");
    QuerySeries q = queries.get(o);
    if (q != null) {
      return q;
    }
    if (queries.size() >= MAX_NAMES) {
      misuse.report(
          LlmMisuse.Reason.TOO_MANY_NAMES,
          "more than "
              + MAX_NAMES
              + " query operations; '"
              + Text.printable(o)
              + "' is not cached. Operations must be a fixed set.");
      return new QuerySeries(instruments, o);
    }
    return queries.computeIfAbsent(o, k -> new QuerySeries(instruments, k));
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
}
