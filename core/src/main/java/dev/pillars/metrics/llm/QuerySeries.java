package dev.pillars.metrics.llm;

import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundGauge;
import dev.pillars.metrics.BoundHistogram;

/**
 * The series of one RAG query operation, bound once. Both {@code rag_requests_total} statuses start
 * at 0 when the operation is first seen, so an error rate has a denominator and its first error
 * shows in {@code increase(..)}.
 */
final class QuerySeries {

  final String operation;
  final BoundGauge active;
  final BoundHistogram latency;
  final BoundCounter success;
  final BoundCounter error;

  QuerySeries(LlmInstruments instruments, String operation) {
    this.operation = operation;
    this.active = instruments.active.labels(operation);
    this.latency = instruments.latency.labels(operation);
    this.success = instruments.requests.labels(operation, "success");
    this.error = instruments.requests.labels(operation, "error");
    success.increment(0);
    error.increment(0);
  }
}
