package dev.pillars.tracing;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageExceptionsMarkTheSpanAndPassUnchanged {

  private final TracingFixture fx = new TracingFixture();
  private final Pipeline p = fx.tracing.pipeline("rag");

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void runtimeExceptionFromRunIsTheSameInstance() {
    IllegalArgumentException boom = new IllegalArgumentException("bad query");
    Throwable thrown =
        catchThrowable(
            () ->
                p.stage("retrieve")
                    .run(
                        () -> {
                          throw boom;
                        }));
    assertThat(thrown).isSameAs(boom);
    assertFailed("retrieve", "java.lang.IllegalArgumentException", "bad query");
  }

  @Test
  void checkedExceptionFromCallIsTheSameInstance() {
    IOException boom = new IOException("socket closed");
    Throwable thrown =
        catchThrowable(
            () ->
                p.stage("generate")
                    .call(
                        () -> {
                          throw boom;
                        }));
    assertThat(thrown).isSameAs(boom);
    assertFailed("generate", "java.io.IOException", "socket closed");
  }

  @Test
  void errorFromGetIsTheSameInstance() {
    StackOverflowError boom = new StackOverflowError("deep");
    assertThatThrownBy(
            () ->
                p.stage("rerank")
                    .get(
                        () -> {
                          throw boom;
                        }))
        .isSameAs(boom);
    assertFailed("rerank", "java.lang.StackOverflowError", "deep");
  }

  @Test
  void scopeFailedInACatchBlockIsMarked() {
    try (StageScope s = p.open("critique")) {
      s.fail(new UnsupportedOperationException("no"));
    }
    assertFailed("critique", "java.lang.UnsupportedOperationException", "no");
  }

  @Test
  void aStagesErrorCounterStartsAtZeroWhenItFirstRuns() { // issue 10 item 6
    p.stage("rerank").run(() -> {});
    assertThat(fx.pillars.metricsText())
        .contains(
            "pipeline_stage_errors_total{otel_scope_name=\"dev.pillars\",pipeline=\"rag\","
                + "stage=\"rerank\"} 0.0");
  }

  @Test
  void failuresAreCountedAndTimedAsErrors() {
    catchThrowable(
        () ->
            p.stage("retrieve")
                .run(
                    () -> {
                      throw new IllegalStateException();
                    }));
    p.stage("retrieve").run(() -> {});

    String text = fx.pillars.metricsText();
    assertThat(text)
        .contains(
            "pipeline_stage_errors_total{otel_scope_name=\"dev.pillars\",pipeline=\"rag\","
                + "stage=\"retrieve\"} 1.0",
            "pipeline_stages_active{otel_scope_name=\"dev.pillars\",pipeline=\"rag\","
                + "stage=\"retrieve\"} 0.0")
        .containsPattern(
            "pipeline_stage_duration_seconds_count\\{otel_scope_name=\"dev.pillars\","
                + "outcome=\"error\",pipeline=\"rag\",stage=\"retrieve\"} 1")
        .containsPattern(
            "pipeline_stage_duration_seconds_count\\{otel_scope_name=\"dev.pillars\","
                + "outcome=\"ok\",pipeline=\"rag\",stage=\"retrieve\"} 1");
  }

  private void assertFailed(String stage, String type, String message) {
    assertThat(fx.span(stage))
        .hasStatus(StatusData.error())
        .hasAttribute(AttributeKey.stringKey("error.type"), type)
        .hasEventsSatisfyingExactly(
            e ->
                e.hasName("exception")
                    .hasAttributesSatisfying(
                        equalTo(AttributeKey.stringKey("exception.type"), type),
                        equalTo(AttributeKey.stringKey("exception.message"), message)));
  }
}
