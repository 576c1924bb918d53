package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WrappersTimeAndCountErrors {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;
  // The catalog's GenAI duration takes all three of its declared labels (issue 9 item 2).
  private final Timed timed =
      metrics.timed(
          "gen_ai.client.operation.duration",
          "gen_ai.operation.name",
          "chat",
          "gen_ai.provider.name",
          "anthropic",
          "gen_ai.request.model",
          "claude-3");
  private final ErrorCounting errors =
      metrics.countErrors("endpoint", "/query", "function", "process");

  @AfterEach
  void close() {
    f.close();
  }

  private long timedCount() {
    return f.histogram(
            "gen_ai.client.operation.duration",
            attrs(
                "gen_ai.operation.name",
                "chat",
                "gen_ai.provider.name",
                "anthropic",
                "gen_ai.request.model",
                "claude-3"))
        .map(p -> p.getCount())
        .orElse(0L);
  }

  private double errorCount(String type) {
    double v =
        f.sum(
            "error_count", attrs("endpoint", "/query", "function", "process", "error_type", type));
    return Double.isNaN(v) ? 0 : v;
  }

  @Test
  void timesRunnableSupplierAndCallable() throws Exception {
    timed.run(() -> {});
    assertThat(timed.get(() -> "answer")).isEqualTo("answer");
    assertThat(timed.call(() -> 42)).isEqualTo(42);
    assertThat(timedCount()).isEqualTo(3);
  }

  @Test
  void timesFailuresAndRethrowsThemUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                timed.run(
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);
    IOException io = new IOException("io");
    assertThatThrownBy(
            () ->
                timed.call(
                    () -> {
                      throw io;
                    }))
        .isSameAs(io);
    assertThat(timedCount()).isEqualTo(2);
  }

  @Test
  void countsErrorsByTypeAndNothingOnSuccess() throws Exception {
    errors.run(() -> {});
    assertThat(errors.get(() -> 1)).isEqualTo(1);
    assertThatThrownBy(
            () ->
                errors.get(
                    () -> {
                      throw new IllegalArgumentException("empty");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                errors.call(
                    () -> {
                      throw new IOException("x");
                    }))
        .isInstanceOf(IOException.class);
    assertThat(errorCount(IllegalArgumentException.class.getName())).isEqualTo(1.0);
    assertThat(errorCount(java.io.IOException.class.getName())).isEqualTo(1.0);
    assertThat(MetricsFixture.sumPoints(f.collect(), "error_count")).hasSize(2);
  }

  @Test
  void asyncRecordsWhenTheFutureCompletesNotWhenStarted() throws Exception {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = timed.async(() -> source);
    assertThat(timedCount()).isZero();
    source.complete("done");
    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
    assertThat(timedCount()).isEqualTo(1);
  }

  @Test
  void asyncFailureIsCountedWithTheUnwrappedTypeAndPropagated() {
    CompletableFuture<String> source = new CompletableFuture<>();
    CompletableFuture<String> result = errors.async(() -> source.thenApply(s -> s));
    source.completeExceptionally(new IllegalStateException("rate limited"));
    assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
    assertThat(errorCount(IllegalStateException.class.getName())).isEqualTo(1.0);
  }

  @Test
  void asyncSupplierThatThrowsIsCountedAndRethrown() {
    assertThatThrownBy(
            () ->
                errors.async(
                    () -> {
                      throw new UnsupportedOperationException();
                    }))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(errorCount(UnsupportedOperationException.class.getName())).isEqualTo(1.0);
  }
}
