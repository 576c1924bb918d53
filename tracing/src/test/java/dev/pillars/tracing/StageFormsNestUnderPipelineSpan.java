package dev.pillars.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageFormsNestUnderPipelineSpan {

  private final TracingFixture fx = new TracingFixture();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(5, TimeUnit.SECONDS);
    fx.close();
  }

  @Test
  void everyFormIsAChildOfTheRunSpanWithPipelineAttributes() throws Exception {
    Pipeline p = fx.tracing.pipeline("self-critique");
    String paper = "Attention is all you need...";
    try (StageScope run = p.start()) {
      run.attribute("gen_ai.request.model", "claude-sonnet-4-20250514");
      try (StageScope s = p.open("summary")) {
        s.attribute("paper.length", paper.length()).attribute("output.tokens", 512L);
      }
      p.stage("critique").run(() -> {});
      assertThat(p.stage("revision").get(() -> "revised")).isEqualTo("revised");
      assertThat(p.stage("score").call(() -> 0.92)).isEqualTo(0.92);
      assertThat(p.stage("publish").async(() -> CompletableFuture.completedFuture(7)).join())
          .isEqualTo(7);
    }

    SpanData root = fx.span("self-critique");
    assertThat(root)
        .hasNoParent()
        .hasKind(SpanKind.INTERNAL)
        .hasAttributesSatisfyingExactly(
            equalTo(AttributeKey.stringKey("pipeline.name"), "self-critique"),
            equalTo(AttributeKey.stringKey("gen_ai.request.model"), "claude-sonnet-4-20250514"));
    for (String stage : new String[] {"summary", "critique", "revision", "score", "publish"}) {
      assertThat(fx.span(stage))
          .hasParent(root)
          .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.unset())
          .hasAttribute(AttributeKey.stringKey("pipeline.name"), "self-critique")
          .hasAttribute(AttributeKey.stringKey("pipeline.stage"), stage)
          .hasEnded();
    }
    assertThat(fx.span("summary"))
        .hasAttribute(AttributeKey.longKey("paper.length"), (long) paper.length())
        .hasAttribute(AttributeKey.longKey("output.tokens"), 512L);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void stagesNestInsideStages() {
    Pipeline p = fx.tracing.pipeline("rag");
    p.stage("generate").run(() -> p.stage("retrieve").run(() -> p.stage("embed").run(() -> {})));

    assertThat(fx.span("embed")).hasParent(fx.span("retrieve"));
    assertThat(fx.span("retrieve")).hasParent(fx.span("generate"));
    assertThat(fx.span("generate")).hasNoParent();
  }

  @Test
  void asyncStageEndsWhenItsFutureCompletesAndKeepsChildrenOnOtherThreads() {
    Pipeline p = fx.tracing.pipeline("rag");
    ExecutorService traced = TracePropagation.wrap(pool);
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<String> answer;
    try (StageScope run = p.start()) {
      answer =
          p.stage("retrieve")
              .async(
                  () ->
                      CompletableFuture.supplyAsync(
                              () -> p.stage("embed").get(() -> "vector"), traced)
                          .thenCombine(release, (v, ignored) -> v + "-docs"));
    }
    assertThat(fx.finished()).extracting(SpanData::getName).doesNotContain("retrieve");
    release.complete(null);
    assertThat(answer.join()).isEqualTo("vector-docs");

    SpanData retrieve = fx.span("retrieve");
    assertThat(retrieve).hasParent(fx.span("rag"));
    assertThat(fx.span("embed")).hasParent(retrieve);
    assertThat(retrieve.getEndEpochNanos())
        .isGreaterThanOrEqualTo(fx.span("embed").getEndEpochNanos());
  }

  @Test
  void completableFutureChainsKeepTheParentThroughWrappedFunctions() {
    Pipeline p = fx.tracing.pipeline("rag");
    CompletableFuture<String> gate = new CompletableFuture<>();
    CompletableFuture<String> chained;
    try (StageScope run = p.start()) {
      chained =
          gate.thenApplyAsync(
              TracePropagation.wrapFunction(s -> p.stage("rerank").get(() -> s)), pool);
    }
    gate.complete("docs");
    assertThat(chained.join()).isEqualTo("docs");
    assertThat(fx.span("rerank")).hasParent(fx.span("rag"));
  }

  @Test
  void failedAsyncStageIsMarkedWithTheUnderlyingCause() {
    Pipeline p = fx.tracing.pipeline("rag");
    IllegalStateException boom = new IllegalStateException("vector store down");
    CompletableFuture<String> f =
        p.stage("retrieve")
            .async(
                () ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          throw boom;
                        },
                        pool));
    assertThat(f)
        .failsWithin(5, TimeUnit.SECONDS)
        .withThrowableThat()
        .havingRootCause()
        .isSameAs(boom);

    assertThat(fx.span("retrieve"))
        .hasStatus(io.opentelemetry.sdk.trace.data.StatusData.error())
        .hasAttribute(AttributeKey.stringKey("error.type"), "java.lang.IllegalStateException")
        .hasEventsSatisfyingExactly(e -> e.hasName("exception"));
    assertThat(fx.span("retrieve").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }
}
