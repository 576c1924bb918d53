package dev.pillars.metrics.llm;

import java.util.OptionalDouble;

/**
 * What one {@link RagQuery}'s LLM calls add up to: their cost, whether one used tokens of a model
 * without a price, and whether the query failed. Each call opened for the query tells it once, when
 * it ends, from whatever thread ends it.
 */
final class QueryTally {

  private double cost;
  private boolean priced;
  private boolean unpriced;
  private volatile boolean failed;

  /** Called once by each call of the query when it ends. */
  synchronized void callEnded(double callCost, boolean callUnpriced, boolean callFailed) {
    if (callUnpriced) {
      unpriced = true;
    } else if (!Double.isNaN(callCost)) {
      priced = true;
      cost += callCost;
    }
    if (callFailed) {
      failed = true;
    }
  }

  /** Marks the query failed. */
  void fail() {
    failed = true;
  }

  boolean failed() {
    return failed;
  }

  /** The calls' total cost; empty when none was priced or one was unpriced. */
  synchronized OptionalDouble cost() {
    return priced && !unpriced ? OptionalDouble.of(cost) : OptionalDouble.empty();
  }
}
