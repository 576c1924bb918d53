package dev.pillars.kit;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Internal, not for public use. What the Pillars modules record about a failure: the exception
 * itself (without the wrappers futures add) and its {@code error.type}.
 */
public final class Failures {

  private Failures() {}

  /**
   * The exception a future failed with: {@link CompletionException} and {@link ExecutionException}
   * wrappers are taken off as long as they have a cause.
   *
   * @param failure the failure a future reported, or null
   * @return the innermost non-wrapper exception, or null for null
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * The {@code error.type} of a failure, as the OpenTelemetry semantic conventions define it for
   * exceptions: the exception's fully qualified class name.
   *
   * @param failure the exception
   * @return for example {@code java.util.concurrent.TimeoutException}
   */
  public static String errorType(Throwable failure) {
    return failure.getClass().getName();
  }
}
