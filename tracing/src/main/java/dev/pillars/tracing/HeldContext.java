package dev.pillars.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Whether the context a scope made current is the current one, without relying on the identity of
 * {@code Context} objects: the OpenTelemetry Java agent bridges the application's context onto its
 * own and hands out a new object on each {@code Context.current()}. Identity answers at once;
 * otherwise the span the context holds tells. A span of a no-op tracer has no context of its own
 * (it carries its parent's), so for it only identity can tell.
 */
final class HeldContext {

  private HeldContext() {}

  /**
   * @param now the current context
   * @param mine the context the scope made current: {@code parent.with(span)}
   * @param span the span of the scope
   * @param parent the context the scope's span was started in
   */
  static boolean isCurrent(Context now, Context mine, Span span, Context parent) {
    if (now == mine) {
      return true;
    }
    SpanContext own = span.getSpanContext();
    return own.isValid()
        && own.equals(Span.fromContext(now).getSpanContext())
        && !own.equals(Span.fromContext(parent).getSpanContext());
  }
}
