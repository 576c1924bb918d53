package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.pillars.logging.LogCapture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TraceIdsSurviveAsyncAndThreadHandOffs {

  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
  private final ExecutorService pool = Context.taskWrapping(Executors.newFixedThreadPool(2));

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    tracerProvider.close();
  }

  private static void assertCorrelated(JsonNode line, SpanContext expected) {
    assertThat(line.get("trace_id").asString()).isEqualTo(expected.getTraceId());
    assertThat(line.get("span_id").asString()).isEqualTo(expected.getSpanId());
    assertThat(line.get("trace_flags").asString()).isEqualTo(expected.getTraceFlags().asHex());
  }

  @Test
  void behindAnAsyncAppenderAnExecutorAndACompletableFutureEachLineHasItsSpan() throws Exception {
    try (LogCapture capture = new LogCapture().async()) {
      Logger logger = capture.logger("handoff");
      Span parent = tracerProvider.get("test").spanBuilder("request").startSpan();
      Span[] child = new Span[1];
      try (Scope ignored = parent.makeCurrent()) {
        logger.info("on caller");
        pool.submit(() -> logger.info("on executor")).get(5, TimeUnit.SECONDS);
        CompletableFuture.runAsync(
                () -> {
                  child[0] = tracerProvider.get("test").spanBuilder("stage").startSpan();
                  try (Scope s = child[0].makeCurrent()) {
                    logger.info("in child span on future");
                  } finally {
                    child[0].end();
                  }
                },
                pool)
            .get(5, TimeUnit.SECONDS);
      } finally {
        parent.end();
      }
      logger.info("after the span");
      capture.close(); // flushes the async queue

      List<JsonNode> lines = capture.json();
      assertThat(lines)
          .extracting(l -> l.get("message").asString())
          .containsExactly("on caller", "on executor", "in child span on future", "after the span");
      assertCorrelated(lines.get(0), parent.getSpanContext());
      assertCorrelated(lines.get(1), parent.getSpanContext());
      assertCorrelated(lines.get(2), child[0].getSpanContext());
      assertThat(child[0].getSpanContext().getTraceId())
          .isEqualTo(parent.getSpanContext().getTraceId());
      assertThat(lines.get(3).has("trace_id")).isFalse();
      assertThat(lines.get(3).has("span_id")).isFalse();
    }
  }

  @Test
  void theAsyncWorkerThreadNeverLendsItsOwnContextToALineLoggedOutsideASpan() {
    try (LogCapture capture = new LogCapture().async()) {
      capture.logger("plain").info("no span");
      capture.close();

      assertThat(capture.json().get(0).has("trace_id")).isFalse();
    }
  }

  @Test
  void anUnsampledSpanIsStillCorrelatedWithItsSampledBitClear() {
    SdkTracerProvider unsampled =
        SdkTracerProvider.builder()
            .setSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff())
            .build();
    try (LogCapture capture = new LogCapture()) {
      Span span = unsampled.get("test").spanBuilder("dropped").startSpan();
      try (Scope ignored = span.makeCurrent()) {
        capture.logger("unsampled").info("still correlated");
      } finally {
        span.end();
      }
      assertCorrelated(capture.json().get(0), span.getSpanContext());
      assertThat(Integer.parseInt(capture.json().get(0).get("trace_flags").asString(), 16) & 1)
          .as("sampled bit")
          .isZero();
    } finally {
      unsampled.close();
    }
  }
}
