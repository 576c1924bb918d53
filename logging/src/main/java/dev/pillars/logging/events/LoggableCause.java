package dev.pillars.logging.events;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes an exception safe to hand to Logback. Logback's {@code ThrowableProxy} walks the cause
 * chain recursively and calls {@code getMessage()}, {@code getStackTrace()} and {@code
 * getSuppressed()} on the logging thread: a very deep chain overflows the stack and a throwing
 * method escapes into the caller. An exception whose chain is at most {@value #MAX_CAUSES} deep and
 * whose methods answer is returned as is (the common case, no allocation beyond a small walk);
 * otherwise a stand-in chain of {@link UnloggableThrowable}s is returned that keeps each original's
 * class name, message (or a note that it failed) and stack frames, cut after {@value #MAX_CAUSES}
 * causes.
 */
final class LoggableCause {

  static final int MAX_CAUSES = 64;
  static final int MAX_SUPPRESSED = 16;

  private LoggableCause() {}

  static @Nullable Throwable of(@Nullable Throwable error) {
    if (error == null) {
      return null;
    }
    try {
      if (isSafe(error, new IdentityHashMap<>(), 0)) {
        return error;
      }
    } catch (Throwable probeFailed) {
      // Fall through to the stand-in.
    }
    return standIn(error);
  }

  private static boolean isSafe(Throwable error, Map<Throwable, Boolean> seen, int depth) {
    Throwable current = error;
    for (int i = depth; current != null; i++) {
      if (i >= MAX_CAUSES) {
        return false;
      }
      if (seen.put(current, Boolean.TRUE) != null) {
        return true; // a cycle: Logback prints it as CIRCULAR REFERENCE
      }
      current.getMessage();
      current.getStackTrace();
      Throwable[] suppressed = current.getSuppressed();
      if (suppressed.length > MAX_SUPPRESSED) {
        return false;
      }
      for (Throwable s : suppressed) {
        if (!isSafe(s, seen, i + 1)) {
          return false;
        }
      }
      current = current.getCause();
    }
    return true;
  }

  private static UnloggableThrowable standIn(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Throwable current = error;
    while (current != null
        && chain.size() < MAX_CAUSES
        && seen.put(current, Boolean.TRUE) == null) {
      chain.add(current);
      current = causeOf(current);
    }
    boolean cut = current != null && chain.size() == MAX_CAUSES;
    UnloggableThrowable next = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Throwable original = chain.get(i);
      String message = messageOf(original);
      String text = original.getClass().getName() + (message == null ? "" : ": " + message);
      if (cut && i == chain.size() - 1) {
        text += " [cause chain cut after " + MAX_CAUSES + " exceptions]";
      }
      next = new UnloggableThrowable(text, framesOf(original), next);
    }
    return next;
  }

  /** The message, {@code null} when there is none, or a note when {@code getMessage()} throws. */
  static @Nullable String messageOf(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable failed) {
      return "[getMessage() failed: " + failed.getClass().getName() + "]";
    }
  }

  private static StackTraceElement[] framesOf(Throwable error) {
    try {
      StackTraceElement[] frames = error.getStackTrace();
      return frames == null ? new StackTraceElement[0] : frames;
    } catch (Throwable failed) {
      return new StackTraceElement[0];
    }
  }

  private static @Nullable Throwable causeOf(Throwable error) {
    try {
      return error.getCause();
    } catch (Throwable failed) {
      return null;
    }
  }

  /** A stand-in whose message names the original class; it has no suppressed exceptions. */
  static final class UnloggableThrowable extends Throwable {
    private static final long serialVersionUID = 1L;

    UnloggableThrowable(String message, StackTraceElement[] frames, @Nullable Throwable cause) {
      super(message, cause, false, true);
      setStackTrace(frames);
    }
  }
}
