package dev.pillars.tracing.http;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundLongUpDownCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedLongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.context.Context;

/**
 * One {@code http.server.active_requests} series (a method and a scheme), bound when the SDK offers
 * bound instruments. The same series takes the request's +1 and its -1.
 */
final class ActiveSeries {

  private final LongUpDownCounter counter;
  private final Attributes attributes;
  private final BoundLongUpDownCounter bound;

  ActiveSeries(LongUpDownCounter counter, Attributes attributes) {
    this.counter = counter;
    this.attributes = attributes;
    this.bound =
        counter instanceof ExtendedLongUpDownCounter extended ? extended.bind(attributes) : null;
  }

  void add(long delta, Context context) {
    if (bound != null) {
      bound.add(delta, context);
    } else {
      counter.add(delta, attributes, context);
    }
  }
}
