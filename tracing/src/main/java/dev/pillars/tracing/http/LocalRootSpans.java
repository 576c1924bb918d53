package dev.pillars.tracing.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Marks a span as {@link LocalRootSpan#current()}, as the instrumentation API's {@code
 * Instrumenter} does for the spans it starts. The API keeps that entry's writer to itself ({@code
 * LocalRootSpan.store} is package-private), so it is reached once, reflectively, when this class
 * loads; on a JVM that forbids it the entry is not written and {@link #available()} says so.
 */
final class LocalRootSpans {

  private static final MethodHandle STORE = storeHandle();

  private LocalRootSpans() {}

  /** Whether {@link #store} writes the entry on this JVM. */
  static boolean available() {
    return STORE != null;
  }

  /** {@code context} with {@code span} as its local root span. */
  static Context store(Context context, Span span) {
    if (STORE == null) {
      return context;
    }
    try {
      return (Context) STORE.invokeExact(context, span);
    } catch (Throwable unexpected) {
      return context;
    }
  }

  private static MethodHandle storeHandle() {
    try {
      Method store = LocalRootSpan.class.getDeclaredMethod("store", Context.class, Span.class);
      store.setAccessible(true);
      MethodHandle handle = MethodHandles.lookup().unreflect(store);
      return handle.asType(MethodType.methodType(Context.class, Context.class, Span.class));
    } catch (ReflectiveOperationException | RuntimeException forbidden) {
      return null;
    }
  }
}
