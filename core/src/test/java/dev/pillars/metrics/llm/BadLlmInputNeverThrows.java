package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static dev.pillars.metrics.llm.LlmFixture.genAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.opentelemetry.api.common.AttributeKey;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, bad input: nothing throws at record time; each problem is repaired or dropped and
 * counted in pillars_llm_misuse_total{reason}, and the call is still recorded once.
 */
class BadLlmInputNeverThrows {

  private final LlmFixture fx =
      new LlmFixture(TokenPriceTable.builder().price("gpt-4o", 2.50, 10.00).build());

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void negativeAndAbsurdTokenCountsAreRecordedAsUnknown() {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    call.recordUsage(-5, LlmCall.MAX_TOKENS + 1).end();
    assertThat(fx.misuse("negative_tokens")).isEqualTo(1);
    assertThat(fx.misuse("absurd_tokens")).isEqualTo(1);
    assertThat(fx.histogram("gen_ai.client.token.usage")).isEmpty();
    assertThat(call.cost()).isEmpty();
    assertThat(fx.histogram("gen_ai.client.operation.duration"))
        .singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
  }

  @Test
  void cacheTokensAboveTheInputRaiseTheInput() {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    call.recordUsage(TokenUsage.of(100, 10).withCacheRead(300).withReasoning(20)).end();
    assertThat(fx.misuse("inconsistent_tokens")).isEqualTo(2);
    assertThat(call.usage().inputTokens()).isEqualTo(300);
    assertThat(call.usage().outputTokens()).isEqualTo(20);
    assertThat(
            fx.finishedSpans()
                .get(0)
                .getAttributes()
                .get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
        .isEqualTo(300L);
  }

  @Test
  void marksAfterTheEndASecondFirstChunkAndEndingTwiceAreIgnored() {
    LlmCall call = fx.llm.call("openai", "gpt-4o").start();
    call.firstChunk();
    call.firstChunk();
    call.recordUsage(10, 2).end();
    assertThatCode(
            () -> {
              call.chunk();
              call.firstChunk();
              call.recordUsage(99, 99);
              call.responseModel("late");
              call.end();
              call.fail(new IllegalStateException());
              call.cancel();
              call.close();
              call.close();
            })
        .doesNotThrowAnyException();
    assertThat(fx.misuse("first_chunk_twice")).isEqualTo(1);
    assertThat(fx.misuse("chunk_after_end")).isEqualTo(2);
    assertThat(fx.misuse("used_after_end")).isEqualTo(2);
    assertThat(fx.misuse("ended_twice")).isEqualTo(3);
    assertThat(fx.misuse("closed_twice")).isEqualTo(1);
    assertThat(fx.finishedSpans()).hasSize(1);
    assertThat(fx.histogram("gen_ai.client.operation.duration"))
        .singleElement()
        .satisfies(p -> assertThat(p.getCount()).isEqualTo(1));
    assertThat(fx.histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getCount())
        .isEqualTo(1);
    assertThat(
            fx.counter(
                "llm.errors",
                attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o")))
        .isZero();
  }

  @Test
  void closeAfterEndIsTheNormalTryWithResourcesPathAndCountsNothing() {
    try (LlmCall call = fx.llm.call("openai", "gpt-4o").start()) {
      call.fail(new IllegalArgumentException("bad request"));
    }
    assertThat(fx.misuse("closed_twice")).isZero();
    assertThat(fx.misuse("ended_twice")).isZero();
    assertThat(
            fx.histogram(
                    "gen_ai.client.operation.duration",
                    genAi(
                        "chat",
                        "openai",
                        "gpt-4o",
                        "error.type",
                        "java.lang.IllegalArgumentException"))
                .getCount())
        .isEqualTo(1);
  }

  @Test
  void nullOrBlankNamesAreRepairedAndCounted() {
    fx.llm.call(null, " ").operation("").start().recordUsage(1, 1).end();
    assertThat(fx.misuse("invalid_name")).isEqualTo(3);
    assertThat(fx.finishedSpans().get(0).getName()).isEqualTo("chat _unknown");
    assertThat(
            fx.histogram(
                    "gen_ai.client.token.usage",
                    genAi("chat", "_unknown", "_unknown", "gen_ai.token.type", "input"))
                .getCount())
        .isEqualTo(1);
  }

  @Test
  void failWithNullIsRecordedAsOther() {
    fx.llm.call("openai", "gpt-4o").start().fail(null);
    assertThat(fx.misuse("null_error")).isEqualTo(1);
    assertThat(
            fx.histogram(
                    "gen_ai.client.operation.duration",
                    genAi("chat", "openai", "gpt-4o", "error.type", "_OTHER"))
                .getCount())
        .isEqualTo(1);
  }

  @Test
  void nullUsageAndNullBodiesAreIgnored() throws Exception {
    assertThatCode(
            () -> {
              fx.llm.call("openai", "gpt-4o").start().recordUsage(null).end();
              assertThat(fx.llm.call("openai", "gpt-4o").async(null).get()).isNull();
              Object none = fx.llm.monitorQuery("rag", null);
              assertThat(none).isNull();
              CompletableFuture<String> nothing = fx.llm.call("openai", "gpt-4o").async(c -> null);
              assertThat(nothing.get()).isNull();
            })
        .doesNotThrowAnyException();
    assertThat(fx.misuse("null_body")).isEqualTo(2);
    assertThat(fx.finishedSpans()).hasSize(3);
  }

  @Test
  void errorTypesPerModelAreBounded() {
    for (int i = 0; i < ModelSeries.MAX_ERROR_TYPES + 5; i++) {
      fx.llm.call("openai", "gpt-4o").start().fail(distinctException(i));
    }
    assertThat(fx.misuse("too_many_error_types")).isEqualTo(5);
    assertThat(fx.histogram("gen_ai.client.operation.duration"))
        .hasSize(ModelSeries.MAX_ERROR_TYPES + 1);
  }

  private static Throwable distinctException(int i) {
    // anonymous classes have distinct names: Outer$1, Outer$2, ...
    Throwable[] kinds = {
      new IllegalStateException(),
      new IllegalArgumentException(),
      new UnsupportedOperationException(),
      new ArithmeticException(),
      new ArrayStoreException(),
      new ClassCastException(),
      new IndexOutOfBoundsException(),
      new NegativeArraySizeException(),
      new NullPointerException(),
      new SecurityException(),
      new java.util.NoSuchElementException(),
      new java.util.ConcurrentModificationException(),
      new java.util.MissingResourceException("", "", ""),
      new java.io.UncheckedIOException(new java.io.IOException()),
      new java.io.IOException(),
      new java.io.EOFException(),
      new java.io.FileNotFoundException(),
      new java.net.SocketException(),
      new java.net.SocketTimeoutException(),
      new java.net.ConnectException(),
      new java.net.UnknownHostException(),
      new java.net.MalformedURLException(),
      new java.net.ProtocolException(),
      new java.util.concurrent.TimeoutException(),
      new java.util.concurrent.CancellationException(),
      new java.util.concurrent.ExecutionException(null),
      new java.util.concurrent.RejectedExecutionException(),
      new java.util.concurrent.CompletionException(null),
      new InterruptedException(),
      new CloneNotSupportedException(),
      new ReflectiveOperationException(),
      new ClassNotFoundException(),
      new NoSuchFieldException(),
      new NoSuchMethodException(),
      new InstantiationException(),
      new IllegalAccessException(),
      new StackOverflowError(),
      new OutOfMemoryError(),
      new AssertionError(),
      new LinkageError()
    };
    return kinds[i];
  }
}
