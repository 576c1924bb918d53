package dev.pillars.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StageMisuseNeverThrowsNorLeaksContext {

  private final TracingFixture fx = new TracingFixture();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(PipelineTracing.class);

  @BeforeEach
  void captureWarnings() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(log);
    fx.close();
  }

  @Test
  void nullAndBlankNamesStillRunTheStageUnderTheInvalidName() {
    assertThatCode(
            () -> {
              fx.tracing.pipeline(null).stage("x").run(() -> {});
              fx.tracing.pipeline("rag").stage("  ").run(() -> {});
              fx.tracing.pipeline("rag").stage(null).get(() -> 1);
              fx.tracing.pipeline("rag").stage("x").run(null);
            })
        .doesNotThrowAnyException();
    assertThat(fx.finished()).hasSize(3);
    assertThat(fx.pillars.metricsText())
        .contains("pipeline=\"_invalid\",stage=\"x\"")
        .contains("pipeline=\"rag\",stage=\"_invalid\"")
        .containsPattern("pillars_tracing_misuse_total\\{[^}]*reason=\"invalid_name\"} 3.0")
        .containsPattern("pillars_tracing_misuse_total\\{[^}]*reason=\"null_body\"} 1.0");
  }

  @Test
  void nullAttributesAreIgnoredAndHugeValuesCut() {
    String huge = "x".repeat(1_000_000);
    assertThatCode(
            () -> {
              try (StageScope s = fx.tracing.pipeline("rag").open("retrieve")) {
                s.attribute(null, "v").attribute("", 1L).attribute("k", (String) null);
                s.attribute("query.huge", huge).fail(null);
              }
            })
        .doesNotThrowAnyException();
    assertThat(fx.span("retrieve").getAttributes().get(AttributeKey.stringKey("query.huge")))
        .hasSize(PipelineTracing.DEFAULT_MAX_ATTRIBUTE_LENGTH);
    assertThat(fx.span("retrieve").getAttributes().get(AttributeKey.stringKey("k"))).isNull();
    assertThat(fx.span("retrieve")).hasAttribute(AttributeKey.stringKey("error.type"), "_OTHER");
  }

  @Test
  void closingTwiceIsIgnoredAndWarnedAboutOnlyAFewTimesAMinute() {
    StageScope s = fx.tracing.pipeline("rag").open("retrieve");
    s.close();
    for (int i = 0; i < 100; i++) {
      assertThatCode(s::close).doesNotThrowAnyException();
    }
    assertThat(fx.finished()).hasSize(1);
    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(log.list)
        .filteredOn(e -> e.getLevel() == Level.WARN && e.getMessage().contains("closed_twice"))
        // a burst of five; the rest of the minute is suppressed (counted into the next warning)
        .hasSize(5);
    assertThat(fx.pillars.metricsText())
        .containsPattern("pillars_tracing_misuse_total\\{[^}]*reason=\"closed_twice\"} 100.0")
        .contains(
            "pipeline_stages_active{otel_scope_name=\"dev.pillars\",pipeline=\"rag\","
                + "stage=\"retrieve\"} 0.0");
  }

  @Test
  void closingOutOfOrderEndsBothAndRestoresTheOuterContext() {
    Pipeline p = fx.tracing.pipeline("rag");
    StageScope outer = p.open("generate");
    StageScope inner = p.open("retrieve");
    outer.close();
    assertThat(io.opentelemetry.api.trace.Span.current()).isSameAs(inner.span());
    inner.close();

    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(fx.span("retrieve")).hasParent(fx.span("generate"));
    assertThat(fx.finished()).hasSize(2);
    assertThat(fx.pillars.metricsText())
        .containsPattern("pillars_tracing_misuse_total\\{[^}]*reason=\"closed_out_of_order\"} 1.0");
  }

  @Test
  void closingSeveralOutOfOrderRestoresEachContextOnlyWhenItsInnerStageCloses() {
    Pipeline p = fx.tracing.pipeline("rag");
    StageScope run = p.start();
    StageScope outer = p.open("generate");
    StageScope middle = p.open("rerank");
    StageScope inner = p.open("retrieve");

    outer.close();
    run.close();
    assertThat(io.opentelemetry.api.trace.Span.current()).isSameAs(inner.span());
    inner.close();
    assertThat(io.opentelemetry.api.trace.Span.current()).isSameAs(middle.span());
    middle.close();

    assertThat(Context.current()).isSameAs(Context.root());
    assertThat(fx.span("retrieve")).hasParent(fx.span("rerank"));
    assertThat(fx.span("rerank")).hasParent(fx.span("generate"));
    assertThat(fx.finished()).hasSize(4);
    assertThat(fx.pillars.metricsText())
        .containsPattern("pillars_tracing_misuse_total\\{[^}]*reason=\"closed_out_of_order\"} 2.0");

    try (StageScope next = p.open("retrieve")) {
      assertThat(next.context()).isSameAs(Context.current());
    }
    assertThat(Context.current()).isSameAs(Context.root());
  }

  @Test
  void closingOnAnotherThreadEndsTheSpanAndLeavesThatThreadsContextAlone() throws Exception {
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try {
      StageScope s = opener.submit(() -> fx.tracing.pipeline("rag").open("retrieve")).get();
      s.close();
      assertThat(Context.current()).isSameAs(Context.root());
      // the opening thread still holds the stage's context: no thread may touch another's
      assertThat(opener.submit(Context::current).get()).isSameAs(s.context());
    } finally {
      opener.shutdownNow();
    }
    assertThat(fx.finished()).hasSize(1);
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "pillars_tracing_misuse_total\\{[^}]*reason=\"closed_on_other_thread\"} 1.0");
  }

  // issue 9 item 11
  @Test
  void aStageClosedOnAnotherThreadIsNeverTheParentOfTheNextStageOnItsThread() throws Exception {
    Pipeline p = fx.tracing.pipeline("rag");
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try {
      StageScope handedOver = opener.submit(() -> p.open("retrieve")).get();
      handedOver.close();
      Context after =
          opener
              .submit(
                  () -> {
                    try (StageScope next = p.open("generate")) {
                      assertThat(Span.current().getSpanContext())
                          .isEqualTo(next.span().getSpanContext());
                    }
                    return Context.current();
                  })
              .get();
      assertThat(after).isSameAs(Context.root());
    } finally {
      opener.shutdownNow();
    }
    assertThat(fx.span("generate").getParentSpanContext().isValid()).isFalse();
    assertThat(fx.span("generate").getTraceId()).isNotEqualTo(fx.span("retrieve").getTraceId());
    assertThat(fx.pillars.metricsText())
        .containsPattern(
            "pillars_tracing_misuse_total\\{[^}]*reason=\"closed_on_other_thread\"} 1.0")
        .doesNotContain("reason=\"closed_out_of_order\"} 1.0");
  }

  // issue 9 item 11
  @Test
  void closingAnInnerStageRestoresTheContextOfAnOuterOneClosedOnAnotherThread() throws Exception {
    Pipeline p = fx.tracing.pipeline("rag");
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try {
      StageScope outer = opener.submit(() -> p.open("generate")).get();
      StageScope inner = opener.submit(() -> p.open("retrieve")).get();
      outer.close();
      opener.submit(inner::close).get();
      assertThat(opener.submit(Context::current).get()).isSameAs(Context.root());
    } finally {
      opener.shutdownNow();
    }
    assertThat(fx.span("retrieve")).hasParent(fx.span("generate"));
    assertThat(fx.finished()).hasSize(2);
  }

  // issue 9 item 11
  @Test
  void underAScopeOfTheApplicationTheNextStageSkipsTheStageThatEndedElsewhere() throws Exception {
    Pipeline p = fx.tracing.pipeline("rag");
    ContextKey<String> tenant = ContextKey.named("tenant");
    ExecutorService opener = Executors.newSingleThreadExecutor();
    try {
      StageScope run = opener.submit(p::start).get();
      StageScope handedOver = opener.submit(() -> p.open("retrieve")).get();
      Scope applications =
          opener.submit(() -> Context.current().with(tenant, "t").makeCurrent()).get();
      handedOver.close();
      opener.submit(() -> p.stage("generate").run(() -> {})).get();
      opener.submit(applications::close).get();
      opener.submit(run::close).get();
      assertThat(opener.submit(Context::current).get()).isSameAs(Context.root());
    } finally {
      opener.shutdownNow();
    }
    assertThat(fx.span("generate")).hasParent(fx.span("rag"));
    assertThat(fx.span("retrieve")).hasParent(fx.span("rag"));
    assertThat(fx.finished()).hasSize(3);
    assertThat(fx.pillars.metricsText()).doesNotContain("reason=\"closed_out_of_order\"} 1.0");
  }

  @Test
  void attributesAfterCloseAreIgnored() {
    StageScope s = fx.tracing.pipeline("rag").open("retrieve");
    s.close();
    assertThatCode(() -> s.attribute("late", "v").fail(new RuntimeException()))
        .doesNotThrowAnyException();
    assertThat(fx.span("retrieve").getAttributes().get(AttributeKey.stringKey("late"))).isNull();
  }
}
