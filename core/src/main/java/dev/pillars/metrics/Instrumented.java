package dev.pillars.metrics;

import dev.pillars.kit.Failures;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs code and records something about it: the Java form of the seeds' {@code @track_duration} and
 * {@code @track_errors} decorators, for synchronous code and for futures. Exceptions pass through
 * unchanged; only what is recorded differs between the timing and the error-counting kinds. Its
 * constructor is package-private: the facade makes both.
 */
public abstract class Instrumented {

  Instrumented() {}

  /** Called before the work; its result is handed to {@link #end}. */
  abstract long begin();

  /** Called once the work is over, with its failure or null. */
  abstract void end(long begin, Throwable failure);

  /** Counts and warns about {@code call} given null work (recording calls never throw). */
  abstract void nullWork(String call);

  /** Runs {@code work}; null work runs nothing and is counted as {@code null_body}. */
  public final void run(Runnable work) {
    if (work == null) {
      nullWork("run(null)");
      return;
    }
    long begin = begin();
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      end(begin, e);
      throw e;
    }
    end(begin, null);
  }

  /** Runs {@code work} and returns its result; null work returns null, counted. */
  public final <T> T get(Supplier<T> work) {
    if (work == null) {
      nullWork("get(null)");
      return null;
    }
    long begin = begin();
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      end(begin, e);
      throw e;
    }
    end(begin, null);
    return result;
  }

  /**
   * Runs {@code work}, which may throw checked exceptions, and returns its result; null work
   * returns null, counted.
   */
  public final <T> T call(Callable<T> work) throws Exception {
    if (work == null) {
      nullWork("call(null)");
      return null;
    }
    long begin = begin();
    T result;
    try {
      result = work.call();
    } catch (Exception | Error e) {
      end(begin, e);
      throw e;
    }
    end(begin, null);
    return result;
  }

  /**
   * Starts asynchronous work and records when its future completes (not when this method returns).
   * A supplier that throws, or returns null, counts as a failure; the returned future completes
   * exactly as the work's does. Null work gives a future completed with null, counted.
   */
  public final <T> CompletableFuture<T> async(Supplier<? extends CompletionStage<T>> work) {
    if (work == null) {
      nullWork("async(null)");
      return CompletableFuture.completedFuture(null);
    }
    long begin = begin();
    CompletionStage<T> stage;
    try {
      stage = work.get();
      if (stage == null) {
        throw new NullPointerException("the async work returned a null future");
      }
    } catch (RuntimeException | Error e) {
      end(begin, e);
      throw e;
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete(
        (value, failure) -> {
          end(begin, Failures.unwrap(failure));
          if (failure != null) {
            result.completeExceptionally(failure);
          } else {
            result.complete(value);
          }
        });
    return result;
  }
}
