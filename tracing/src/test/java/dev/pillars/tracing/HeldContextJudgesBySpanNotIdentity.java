package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// issue 13: under the Java agent Context.current() is a new object on each call, so a scope
// compared by identity was never current: scopes were parked, not closed, and requests merged
class HeldContextJudgesBySpanNotIdentity {

  private final TracingFixture fx = new TracingFixture();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void anotherObjectHoldingTheSameSpanIsTheSameContext() {
    Context parent = Context.root().with(ContextKey.named("tenant"), "t");
    Span span = fx.pillars.tracer("test").spanBuilder("stage").setParent(parent).startSpan();
    Context mine = parent.with(span);
    // what a bridged storage gives back: the same meaning in a new object
    Context rebuilt = Context.root().with(ContextKey.named("tenant"), "t").with(span);
    assertThat(rebuilt).isNotSameAs(mine);

    assertThat(HeldContext.isCurrent(mine, mine, span, parent)).isTrue();
    assertThat(HeldContext.isCurrent(rebuilt, mine, span, parent)).isTrue();
    assertThat(HeldContext.isCurrent(parent, mine, span, parent)).isFalse();
    Span inner = fx.pillars.tracer("test").spanBuilder("inner").setParent(mine).startSpan();
    assertThat(HeldContext.isCurrent(mine.with(inner), mine, span, parent)).isFalse();
    inner.end();
    span.end();
  }

  @Test
  void aSpanOfANoopTracerIsJudgedByIdentityOnly() {
    Span outer = fx.pillars.tracer("test").spanBuilder("outer").startSpan();
    Context parent = Context.root().with(outer);
    // a no-op tracer's span carries its parent's span context: it is no context of its own
    Span noop =
        OpenTelemetry.noop().getTracer("test").spanBuilder("x").setParent(parent).startSpan();
    Context mine = parent.with(noop);
    assertThat(HeldContext.isCurrent(mine, mine, noop, parent)).isTrue();
    assertThat(HeldContext.isCurrent(parent, mine, noop, parent)).isFalse();
    outer.end();
  }
}
