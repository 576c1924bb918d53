package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static dev.pillars.metrics.llm.LlmFixture.genAi;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 1: every documented way of recording a call gives one span and exactly one
 * observation per metric. A second writer of the gen_ai metrics (as tracing's GenAiMetrics was)
 * doubles the counts these tests pin.
 */
class LlmCallIsRecordedOncePerWay {

  private final LlmFixture fx =
      new LlmFixture(TokenPriceTable.builder().price("gpt-4o", 2.50, 10.00).build());

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void theRecorderAlone() {
    try (LlmCall call = fx.llm.call("openai", "gpt-4o").start()) {
      fx.advanceMillis(840);
      call.recordUsage(512, 128);
    }
    assertRecordedOnce(0.84);
  }

  @Test
  void throughMonitorQuery() {
    String answer =
        fx.llm.monitorQuery(
            "rag_pipeline",
            q -> {
              try (LlmCall call = q.llmCall("openai", "gpt-4o").start()) {
                fx.advanceMillis(840);
                call.recordUsage(512, 128);
              }
              return "answer";
            });
    assertThat(answer).isEqualTo("answer");
    assertRecordedOnce(0.84);
    HistogramPointData latency =
        fx.histogram("rag.query.latency", attrs("operation", "rag_pipeline"));
    assertThat(latency.getCount()).isEqualTo(1);
    assertThat(fx.counter("rag.requests", attrs("operation", "rag_pipeline", "status", "success")))
        .isEqualTo(1.0);
  }

  @Test
  void streamingWithChunks() {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    fx.advanceMillis(200);
    call.chunk();
    fx.advanceMillis(320);
    call.chunk();
    fx.advanceMillis(320);
    call.recordUsage(512, 128).end();
    assertRecordedOnce(0.84);
    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getCount())
        .isEqualTo(1);
    assertThat(fx.histogram("gen_ai.client.operation.time_per_output_chunk").get(0).getCount())
        .isEqualTo(1);
  }

  @Test
  void asyncThroughACompletionStage() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<String> reply =
          fx.llm
              .call("openai", "gpt-4o")
              .async(
                  c ->
                      CompletableFuture.supplyAsync(
                          () -> {
                            fx.advanceMillis(840);
                            c.recordUsage(512, 128);
                            return "hi";
                          },
                          pool));
      assertThat(reply.get()).isEqualTo("hi");
    } finally {
      pool.shutdown();
    }
    assertRecordedOnce(0.84);
    assertThat(fx.misuse("ended_twice")).isZero();
  }

  @Test
  void asyncWhoseBodyEndsTheCallItselfIsStillRecordedOnce() throws Exception {
    fx.llm
        .call("openai", "gpt-4o")
        .async(
            c -> {
              fx.advanceMillis(840);
              c.recordUsage(512, 128).end();
              return CompletableFuture.completedFuture("done");
            })
        .get();
    assertRecordedOnce(0.84);
    assertThat(fx.misuse("ended_twice")).isZero();
  }

  private void assertRecordedOnce(double seconds) {
    assertThat(fx.finishedSpans())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("chat gpt-4o");
              assertThat(s.getKind()).isEqualTo(SpanKind.CLIENT);
            });
    assertThat(fx.histogram("gen_ai.client.operation.duration"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getCount()).isEqualTo(1);
              assertThat(p.getSum())
                  .isCloseTo(seconds, org.assertj.core.api.Assertions.within(1e-9));
            });
    assertThat(fx.histogram("gen_ai.client.token.usage"))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(
            fx.histogram(
                    "gen_ai.client.token.usage",
                    genAi("chat", "openai", "gpt-4o", "gen_ai.token.type", "input"))
                .getSum())
        .isEqualTo(512);
    assertThat(
            fx.histogram(
                    "gen_ai.client.token.usage",
                    genAi("chat", "openai", "gpt-4o", "gen_ai.token.type", "output"))
                .getSum())
        .isEqualTo(128);
    // 512 * 2.50 / 1e6 + 128 * 10.00 / 1e6
    assertThat(
            fx.counter(
                "llm.cost",
                attrs(
                    "gen_ai.provider.name",
                    "openai",
                    "gen_ai.request.model",
                    "gpt-4o",
                    "currency",
                    "USD")))
        .isEqualTo(0.00256);
    assertThat(
            fx.counter(
                "llm.errors",
                attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o")))
        .isZero();
  }
}
