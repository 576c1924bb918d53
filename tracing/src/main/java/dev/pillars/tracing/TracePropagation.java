package dev.pillars.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps the current trace when work changes thread or process: thin, named entry points over
 * OpenTelemetry's {@link Context#taskWrapping}, {@link Context#wrap} and the configured {@link
 * TextMapPropagator} (W3C {@code traceparent} and baggage unless {@code OTEL_PROPAGATORS} says
 * otherwise).
 *
 * <pre>{@code
 * ExecutorService pool = TracePropagation.wrap(Executors.newFixedThreadPool(4));
 * pool.submit(() -> pipeline.stage("embed").run(() -> embed(chunk))); // child of the caller's span
 *
 * TracePropagation propagation = TracePropagation.create(pillars.openTelemetry());
 * HttpRequest request = propagation.inject(HttpRequest.newBuilder(uri)).GET().build();
 * }</pre>
 */
public final class TracePropagation {

  private static final TextMapSetter<HttpRequest.Builder> REQUEST_BUILDER =
      (builder, key, value) -> {
        if (builder != null) {
          builder.setHeader(key, value);
        }
      };

  private static final TextMapGetter<Map<String, List<String>>> HEADER_MAP =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, List<String>> carrier) {
          return carrier == null ? Collections.emptyList() : carrier.keySet();
        }

        @Override
        public String get(Map<String, List<String>> carrier, String key) {
          if (carrier == null || key == null) {
            return null;
          }
          List<String> values = carrier.get(key);
          if (values == null) {
            for (Map.Entry<String, List<String>> e : carrier.entrySet()) {
              if (e.getKey() != null && e.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                values = e.getValue();
                break;
              }
            }
          }
          return values == null || values.isEmpty() ? null : values.get(0);
        }
      };

  private final TextMapPropagator propagator;

  private TracePropagation(TextMapPropagator propagator) {
    this.propagator = propagator;
  }

  /** Propagation with the propagators configured on {@code openTelemetry}. */
  public static TracePropagation create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new TracePropagation(openTelemetry.getPropagators().getTextMapPropagator());
  }

  /**
   * Adds the current context's headers ({@code traceparent}, {@code tracestate}, {@code baggage})
   * to a {@link java.net.http.HttpClient} request being built, and returns the builder.
   *
   * <pre>{@code
   * HttpResponse<String> r = client.send(
   *     propagation.inject(HttpRequest.newBuilder(uri)).GET().build(), BodyHandlers.ofString());
   * }</pre>
   */
  public HttpRequest.Builder inject(HttpRequest.Builder request) {
    propagator.inject(Context.current(), request, REQUEST_BUILDER);
    return request;
  }

  /**
   * The context that incoming headers carry, on top of the current one. Header names match
   * case-insensitively, so JDK {@code HttpExchange.getRequestHeaders()} and {@code
   * HttpHeaders.map()} work as they are. Malformed headers give the current context.
   *
   * <pre>{@code
   * try (Scope s = propagation.extract(exchange.getRequestHeaders()).makeCurrent()) {
   *   pipeline.stage("handle").run(() -> handle(exchange));
   * }
   * }</pre>
   */
  public Context extract(Map<String, List<String>> headers) {
    return propagator.extract(Context.current(), headers, HEADER_MAP);
  }

  /** An executor that runs each task in the context current when it was submitted. */
  public static Executor wrap(Executor executor) {
    return Context.taskWrapping(Objects.requireNonNull(executor, "executor"));
  }

  /** An executor service that runs each task in the context current when it was submitted. */
  public static ExecutorService wrap(ExecutorService executor) {
    return Context.taskWrapping(Objects.requireNonNull(executor, "executor"));
  }

  /**
   * {@code task} bound to the current context, for a {@code CompletableFuture} stage that may run
   * on whichever thread completes the previous one.
   *
   * <pre>{@code
   * future.thenApplyAsync(TracePropagation.wrapFunction(docs -> rerank.get(() -> rank(docs))), pool);
   * }</pre>
   */
  public static <T, R> Function<T, R> wrapFunction(Function<T, R> task) {
    return Context.current().wrapFunction(task);
  }

  /** {@code task} bound to the current context, for {@code CompletableFuture.supplyAsync}. */
  public static <T> Supplier<T> wrapSupplier(Supplier<T> task) {
    return Context.current().wrapSupplier(task);
  }

  /** {@code task} bound to the current context. */
  public static Runnable wrapRunnable(Runnable task) {
    return Context.current().wrap(task);
  }

  /** {@code task} bound to the current context. */
  public static <T> Callable<T> wrapCallable(Callable<T> task) {
    return Context.current().wrap(task);
  }
}
