package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static dev.pillars.metrics.llm.LlmFixture.genAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 2: chunks marked on another thread (a streaming client's callback thread), timed by
 * the injected clock; a stream that fails or is cancelled after its first chunk keeps what it got.
 */
class StreamingIsTimedFromAnyThread {

  private final LlmFixture fx =
      new LlmFixture(TokenPriceTable.builder().price("gpt-4o", 2.50, 10.00).build());
  private final ExecutorService callbackThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void close() throws InterruptedException {
    callbackThread.shutdown();
    callbackThread.awaitTermination(5, TimeUnit.SECONDS);
    fx.close();
  }

  /** Runs {@code r} on the callback thread and waits for it. */
  private void onCallbackThread(Runnable r) throws Exception {
    callbackThread.submit(r).get(5, TimeUnit.SECONDS);
  }

  @Test
  void chunksOnTheCallbackThreadGiveTimeToFirstChunkAndTimePerChunk() throws Exception {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    fx.advanceMillis(250);
    onCallbackThread(call::firstChunk);
    fx.advanceMillis(40);
    onCallbackThread(call::chunk);
    fx.advanceMillis(60);
    onCallbackThread(call::chunk);
    fx.advanceMillis(100);
    onCallbackThread(() -> call.recordUsage(300, 3).end());

    HistogramPointData ttfc =
        fx.histogram(
            "gen_ai.client.operation.time_to_first_chunk", genAi("chat", "openai", "gpt-4o"));
    assertThat(ttfc.getCount()).isEqualTo(1);
    assertThat(ttfc.getSum()).isCloseTo(0.25, within(1e-9));
    HistogramPointData perChunk =
        fx.histogram(
            "gen_ai.client.operation.time_per_output_chunk", genAi("chat", "openai", "gpt-4o"));
    assertThat(perChunk.getCount()).isEqualTo(2);
    assertThat(perChunk.getSum()).isCloseTo(0.10, within(1e-9));
    assertThat(perChunk.getMin()).isCloseTo(0.04, within(1e-9));
    assertThat(perChunk.getMax()).isCloseTo(0.06, within(1e-9));
    assertThat(fx.histogram("gen_ai.client.operation.duration").get(0).getSum())
        .isCloseTo(0.45, within(1e-9));

    SpanData span = fx.finishedSpans().get(0);
    assertThat(
            span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
        .isCloseTo(0.25, within(1e-9));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void theFirstChunkMayBeMarkedWithChunkAlone() throws Exception {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    fx.advanceMillis(120);
    onCallbackThread(call::chunk);
    fx.advanceMillis(30);
    onCallbackThread(call::chunk);
    call.end();
    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getSum())
        .isCloseTo(0.12, within(1e-9));
    assertThat(fx.histogram("gen_ai.client.operation.time_per_output_chunk").get(0).getSum())
        .isCloseTo(0.03, within(1e-9));
  }

  @Test
  void aCallWithoutChunksRecordsNoStreamingMetrics() {
    fx.llm.call("openai", "gpt-4o").start().recordUsage(10, 2).end();
    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk")).isEmpty();
    assertThat(fx.histogram("gen_ai.client.operation.time_per_output_chunk")).isEmpty();
    assertThat(
            fx.finishedSpans()
                .get(0)
                .getAttributes()
                .get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
        .isNull();
  }

  @Test
  void aStreamFailingAfterItsFirstChunkKeepsWhatItGotAndTheErrorType() throws Exception {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    fx.advanceMillis(300);
    onCallbackThread(call::chunk);
    fx.advanceMillis(50);
    onCallbackThread(call::chunk);
    fx.advanceMillis(700);
    onCallbackThread(
        () -> {
          call.recordUsage(400, 20); // the partial usage a provider reports with the error
          call.fail(new java.io.UncheckedIOException(new java.io.IOException("connection reset")));
        });
    onCallbackThread(call::chunk); // a straggler after the failure is ignored and counted

    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getSum())
        .isCloseTo(0.30, within(1e-9));
    HistogramPointData failed =
        fx.histogram(
            "gen_ai.client.operation.duration",
            genAi("chat", "openai", "gpt-4o", "error.type", "java.io.UncheckedIOException"));
    assertThat(failed.getCount()).isEqualTo(1);
    assertThat(failed.getSum()).isCloseTo(1.05, within(1e-9));
    assertThat(
            fx.histogram(
                    "gen_ai.client.token.usage",
                    genAi("chat", "openai", "gpt-4o", "gen_ai.token.type", "output"))
                .getSum())
        .isEqualTo(20);
    assertThat(
            fx.counter(
                "llm.errors",
                attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o")))
        .isEqualTo(1);
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
        .isCloseTo(0.0012, within(1e-12));
    assertThat(call.cost()).hasValueCloseTo(0.0012, within(1e-12));
    assertThat(fx.misuse("chunk_after_end")).isEqualTo(1);

    SpanData span = fx.finishedSpans().get(0);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.io.UncheckedIOException");
    assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
        .isEqualTo(20L);
    assertThat(span.getEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.getName()).isEqualTo("exception"));
  }

  @Test
  void aCancelledStreamIsAFailureWithTheCancellationType() throws Exception {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    fx.advanceMillis(100);
    onCallbackThread(call::chunk);
    call.cancel();
    assertThat(
            fx.histogram(
                    "gen_ai.client.operation.duration",
                    genAi(
                        "chat",
                        "openai",
                        "gpt-4o",
                        "error.type",
                        "java.util.concurrent.CancellationException"))
                .getCount())
        .isEqualTo(1);
    assertThat(fx.finishedSpans().get(0).getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo("java.util.concurrent.CancellationException");
  }

  @Test
  void manyThreadsMarkingChunksAtOnceCountEachChunkOnce() throws Exception {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < 400; i++) {
        futures.add(
            pool.submit(
                () -> {
                  fx.clock.addAndGet(1000);
                  call.chunk();
                }));
      }
      for (var f : futures) {
        f.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdown();
    }
    call.end();
    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getCount())
        .isEqualTo(1);
    assertThat(fx.histogram("gen_ai.client.operation.time_per_output_chunk").get(0).getCount())
        .isEqualTo(399);
    assertThat(fx.misuse("first_chunk_twice")).isZero();
  }
}
