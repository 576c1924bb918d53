package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.instrumentation.api.internal.HttpRouteState;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestContext} holds the JDK filter's four context entries in one object; every read of
 * it must answer as the context written entry by entry does, before and after code in the request
 * adds entries of its own.
 */
class RequestContextAnswersAsTheEntriesWrittenOneByOne {

  private static final ContextKey<String> PARENT_KEY = ContextKey.named("parent's");
  private static final ContextKey<String> OWN_KEY = ContextKey.named("handler's");

  private final SdkTracerProvider tracers = SdkTracerProvider.builder().build();
  private final Span span = tracers.get("test").spanBuilder("GET /users/{id}").startSpan();
  private final Context parent =
      Context.root()
          .with(PARENT_KEY, "kept")
          .with(Baggage.builder().put("tenant", "a").build())
          .with(HttpRouteState.create("GET", null, 0));

  @AfterEach
  void tearDown() {
    span.end();
    tracers.close();
  }

  @Test
  void theKeysAreLearntOnThisClasspath() {
    assertThat(RequestContext.available()).isTrue();
    assertThat(LocalRootSpans.available()).isTrue();
  }

  @Test
  void answersAsTheEntriesWrittenOneByOne() {
    for (boolean localRoot : List.of(true, false)) {
      Context held = new RequestContext(parent, span, localRoot);
      Context written = oneByOne(parent, span, localRoot);
      assertSameAnswers(held, written);
      assertThat(Span.fromContext(held)).isSameAs(span);
      assertThat(SpanKey.HTTP_SERVER.fromContextOrNull(held)).isSameAs(span);
      assertThat(LocalRootSpan.fromContextOrNull(held)).isSameAs(localRoot ? span : null);
      assertThat(HttpServerTracing.alreadyCounted(held)).isTrue();
      assertThat(held.get(PARENT_KEY)).isEqualTo("kept");
      assertThat(Baggage.fromContext(held).getEntryValue("tenant")).isEqualTo("a");
      assertThat(held.get(OWN_KEY)).isNull();
    }
  }

  @Test
  void entriesAddedInTheRequestKeepTheFiltersOnes() {
    Context held = new RequestContext(parent, span, true);
    Context added = held.with(OWN_KEY, "mine");
    assertSameAnswers(added, oneByOne(parent, span, true).with(OWN_KEY, "mine"));
    assertThat(added.get(OWN_KEY)).isEqualTo("mine");
    assertThat(Span.fromContext(added)).isSameAs(span);
    assertThat(held.get(OWN_KEY)).as("the request's context is unchanged").isNull();

    // a stage's span replaces the current span and leaves the server span and the local root
    Span stage = tracers.get("test").spanBuilder("retrieve").setParent(held).startSpan();
    Context inStage = held.with(stage);
    assertThat(Span.fromContext(inStage)).isSameAs(stage);
    assertThat(SpanKey.HTTP_SERVER.fromContextOrNull(inStage)).isSameAs(span);
    assertThat(LocalRootSpan.fromContextOrNull(inStage)).isSameAs(span);
    assertThat(HttpServerTracing.alreadyCounted(inStage)).isTrue();
    assertThat(stage.getSpanContext().getTraceId()).isEqualTo(span.getSpanContext().getTraceId());
    stage.end();
    assertThat(Span.fromContext(held.with(OWN_KEY, "again"))).isSameAs(span);
  }

  @Test
  void isCurrentInItsScope() {
    Context held = new RequestContext(parent, span, true);
    try (Scope ignored = held.makeCurrent()) {
      assertThat(Context.current()).isSameAs(held);
      assertThat(Span.current()).isSameAs(span);
      assertThat(LocalRootSpan.current()).isSameAs(span);
    }
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  /** The entries written one by one, as the filter wrote them before (and still does without). */
  private static Context oneByOne(Context parent, Span span, boolean localRoot) {
    Context written = RequestContext.oneByOne(parent, span, localRoot);
    // what the filter wrote before, spelled out, so that oneByOne itself is checked too
    Context c = parent.with(span);
    if (localRoot) {
      c = LocalRootSpans.store(c, span);
    }
    assertSameAnswers(
        written, HttpServerTracing.counted(SpanKey.HTTP_SERVER.storeInContext(c, span)));
    return written;
  }

  private static void assertSameAnswers(Context held, Context written) {
    assertThat(Span.fromContext(held)).isSameAs(Span.fromContext(written));
    assertThat(SpanKey.HTTP_SERVER.fromContextOrNull(held))
        .isSameAs(SpanKey.HTTP_SERVER.fromContextOrNull(written));
    assertThat(SpanKey.KIND_SERVER.fromContextOrNull(held))
        .isSameAs(SpanKey.KIND_SERVER.fromContextOrNull(written));
    assertThat(LocalRootSpan.fromContextOrNull(held))
        .isSameAs(LocalRootSpan.fromContextOrNull(written));
    assertThat(HttpRouteState.fromContextOrNull(held))
        .isSameAs(HttpRouteState.fromContextOrNull(written));
    assertThat(HttpServerTracing.alreadyCounted(held))
        .isEqualTo(HttpServerTracing.alreadyCounted(written));
    assertThat(held.get(PARENT_KEY)).isEqualTo(written.get(PARENT_KEY));
    assertThat(held.get(OWN_KEY)).isEqualTo(written.get(OWN_KEY));
    assertThat(Baggage.fromContext(held)).isEqualTo(Baggage.fromContext(written));
  }
}
