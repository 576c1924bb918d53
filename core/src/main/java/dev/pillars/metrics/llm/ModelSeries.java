package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundHistogram;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
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

  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

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
        Attributes.of(OPERATION, operation, PROVIDER, provider, REQUEST_MODEL, model);
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
