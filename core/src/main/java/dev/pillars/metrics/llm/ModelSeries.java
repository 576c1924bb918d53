package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundHistogram;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series of one (operation, provider, model), bound once: what a call records at its end needs
 * no lookup and no allocation. Created the first time the model is seen; its failure counter starts
 * at 0 then, so the model's first error shows in {@code increase(..)}.
 */
final class ModelSeries {

  private static final Logger LOGGER =
      LoggerFactory.getLogger("dev.pillars.metrics.llm.LlmMetrics");

  /** The most error types a model keeps apart; further ones are recorded as {@code _OTHER}. */
  static final int MAX_ERROR_TYPES = 32;

  /** The error type of a failure with no cause given, or past {@link #MAX_ERROR_TYPES}. */
  static final String OTHER_ERROR = "_OTHER";

  final LlmInstruments instruments;
  final String operation;
  final String provider;
  final String model;
  final String spanName;
  final Attributes spanAttributes;
  final ModelPrice price;
  final BoundHistogram okDuration;
  final BoundHistogram inputTokens;
  final BoundHistogram outputTokens;
  final BoundHistogram timeToFirstChunk;
  final BoundHistogram timePerOutputChunk;
  final BoundCounter cacheReadTokens;
  final BoundCounter cacheCreationTokens;
  final BoundCounter reasoningTokens;
  final BoundCounter cost;
  final BoundCounter unpriced;
  final BoundCounter errors;
  final AtomicBoolean warnedUnpriced = new AtomicBoolean();
  private final ConcurrentHashMap<String, BoundHistogram> failedDuration =
      new ConcurrentHashMap<>();

  ModelSeries(LlmInstruments instruments, String operation, String provider, String model) {
    this.instruments = instruments;
    this.operation = operation;
    this.provider = provider;
    this.model = model;
    this.spanName = operation + " " + model;
    this.spanAttributes =
        Attributes.of(
            GenAiAttributes.OPERATION,
            operation,
            GenAiAttributes.PROVIDER,
            provider,
            GenAiAttributes.REQUEST_MODEL,
            model);
    this.price = instruments.prices.find(model).orElse(null);
    this.okDuration = instruments.duration.labels(operation, provider, model);
    this.inputTokens = instruments.tokens.labels(operation, provider, model, "input");
    this.outputTokens = instruments.tokens.labels(operation, provider, model, "output");
    this.timeToFirstChunk = instruments.timeToFirstChunk.labels(operation, provider, model);
    this.timePerOutputChunk = instruments.timePerOutputChunk.labels(operation, provider, model);
    this.cacheReadTokens = instruments.cacheReadTokens.labels(provider, model);
    this.cacheCreationTokens = instruments.cacheCreationTokens.labels(provider, model);
    this.reasoningTokens = instruments.reasoningTokens.labels(provider, model);
    this.cost = instruments.cost.labels(provider, model, instruments.prices.currency());
    this.unpriced = instruments.unpriced.labels(provider, model);
    this.errors = instruments.errors.labels(provider, model);
    // start at 0, so that alerts dividing by it see the model's first failure
    errors.increment(0);
  }

  /** Records the known counts of {@code u} in the token series and on {@code span}. */
  void recordUsage(TokenUsage u, Span span, Context context) {
    if (u.inputTokens() >= 0) {
      inputTokens.record(u.inputTokens(), context);
      span.setAttribute(GenAiAttributes.INPUT_TOKENS, u.inputTokens());
    }
    if (u.outputTokens() >= 0) {
      outputTokens.record(u.outputTokens(), context);
      span.setAttribute(GenAiAttributes.OUTPUT_TOKENS, u.outputTokens());
    }
    if (u.cacheReadInputTokens() >= 0) {
      cacheReadTokens.increment(u.cacheReadInputTokens());
      span.setAttribute(GenAiAttributes.CACHE_READ_TOKENS, u.cacheReadInputTokens());
    }
    if (u.cacheCreationInputTokens() >= 0) {
      cacheCreationTokens.increment(u.cacheCreationInputTokens());
      span.setAttribute(GenAiAttributes.CACHE_CREATION_TOKENS, u.cacheCreationInputTokens());
    }
    if (u.reasoningOutputTokens() >= 0) {
      reasoningTokens.increment(u.reasoningOutputTokens());
      span.setAttribute(GenAiAttributes.REASONING_TOKENS, u.reasoningOutputTokens());
    }
  }

  /**
   * Records what {@code u} cost, or that it used tokens of this unpriced model; returns the cost,
   * NaN when it is unknown (unpriced, or no usage recorded). Never a made-up 0.
   */
  double recordCost(TokenUsage u) {
    if (u.usedTokens()) {
      if (price == null) {
        unpriced.increment();
        warnUnpriced();
        return Double.NaN;
      }
      double c = price.cost(u);
      cost.increment(c);
      return c;
    }
    // the provider reported no tokens: nothing to pay
    return price != null && u.inputTokens() == 0 && u.outputTokens() == 0 ? 0.0 : Double.NaN;
  }

  /** Warns, once per model, that it has no price. */
  void warnUnpriced() {
    if (warnedUnpriced.compareAndSet(false, true)) {
      LOGGER.warn(
          "Pillars LLM: model '{}' of '{}' has no price in the TokenPriceTable; its calls are"
              + " counted in llm_unpriced_calls_total and their cost is unknown, never 0",
          Text.printable(model),
          Text.printable(provider));
    }
  }

  /** The duration series of calls that failed with {@code errorType}. */
  BoundHistogram failedDuration(String errorType) {
    BoundHistogram h = failedDuration.get(errorType);
    if (h != null) {
      return h;
    }
    if (failedDuration.size() >= MAX_ERROR_TYPES) {
      instruments.misuse.report(
          LlmMisuse.Reason.TOO_MANY_ERROR_TYPES,
          "model '"
              + Text.printable(model)
              + "' failed with more than "
              + MAX_ERROR_TYPES
              + " error types; '"
              + Text.printable(errorType)
              + "' is recorded as _OTHER");
      return failedDuration.computeIfAbsent(
          OTHER_ERROR, t -> instruments.duration.labels(operation, provider, model, t));
    }
    return failedDuration.computeIfAbsent(
        errorType, t -> instruments.duration.labels(operation, provider, model, t));
  }
}
