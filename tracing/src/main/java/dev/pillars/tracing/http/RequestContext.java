package dev.pillars.tracing.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import java.util.function.UnaryOperator;

/**
 * The context a JDK-server request runs in: the context its span started under (the route state
 * included) and the entries the filter adds after, held in one object. Written one by one ({@code
 * parent.with(span)}, then the local root, the HTTP server span and Pillars' counted mark), they
 * copy the context four times a request; here they cost one object, and the copies are made only
 * when code in the request adds an entry of its own ({@link #with}), once.
 *
 * <p>The entries are the request's span, the same span as the local root ({@code LocalRootSpan},
 * when the span starts a local trace) and as the HTTP server span ({@code SpanKey.HTTP_SERVER}),
 * and the mark {@link HttpServerTracing#alreadyCounted} reads. The keys of the first three are
 * private to the OpenTelemetry classes that write them; they are learnt once, when this class
 * loads, by letting each class write into a context that only notes the key it is given. If one of
 * them does anything else, {@link #available()} is false and the entries are written one by one.
 */
final class RequestContext implements Context {

  private static final ContextKey<Object> SPAN = keyOf(c -> Span.getInvalid().storeInContext(c));
  private static final ContextKey<Object> LOCAL_ROOT =
      LocalRootSpans.available() ? keyOf(c -> LocalRootSpans.store(c, Span.getInvalid())) : null;
  private static final ContextKey<Object> SERVER_SPAN =
      keyOf(c -> SpanKey.HTTP_SERVER.storeInContext(c, Span.getInvalid()));
  private static final boolean AVAILABLE =
      SPAN != null
          && SERVER_SPAN != null
          && SPAN != SERVER_SPAN
          && (LOCAL_ROOT == null
              ? !LocalRootSpans.available()
              : LOCAL_ROOT != SPAN && LOCAL_ROOT != SERVER_SPAN);

  private final Context parent;
  private final Span span;
  private final boolean localRoot;

  /** The entries written one by one, made the first time {@link #with} needs them. */
  private Context written; // null until then

  /**
   * {@code parent} with {@code span}, also as the local root when {@code localRoot} and as the HTTP
   * server span, and the request counted ({@link HttpServerTracing#alreadyCounted}).
   */
  RequestContext(Context parent, Span span, boolean localRoot) {
    this.parent = parent;
    this.span = span;
    this.localRoot = localRoot && LOCAL_ROOT != null;
  }

  /** Whether the keys were learnt on this classpath; if not, the entries are written one by one. */
  static boolean available() {
    return AVAILABLE;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> V get(ContextKey<V> key) {
    if (key == SPAN || key == SERVER_SPAN || (localRoot && key == LOCAL_ROOT)) {
      return (V) span;
    }
    if (key == HttpServerTracing.COUNTED) {
      return (V) Boolean.TRUE;
    }
    return parent.get(key);
  }

  @Override
  public <V> Context with(ContextKey<V> key, V value) {
    Context c = written;
    if (c == null) {
      c = oneByOne(parent, span, localRoot); // racing threads make equal contexts
      written = c;
    }
    return c.with(key, value);
  }

  /**
   * The same entries written into {@code parent} one by one: what {@link #with} adds to, and what
   * the filter uses when {@link #available()} is false.
   */
  static Context oneByOne(Context parent, Span span, boolean localRoot) {
    Context c = parent.with(span);
    if (localRoot) {
      c = LocalRootSpans.store(c, span);
    }
    return HttpServerTracing.counted(SpanKey.HTTP_SERVER.storeInContext(c, span));
  }

  @Override
  public String toString() {
    return "RequestContext{span=" + span + ", parent=" + parent + "}";
  }

  /**
   * The key that {@code write} passes to {@link Context#with}, or null if it does anything else.
   */
  private static ContextKey<Object> keyOf(UnaryOperator<Context> write) {
    KeyProbe probe = new KeyProbe();
    try {
      Context result = write.apply(probe);
      return result == probe && probe.writes == 1 && probe.reads == 0 ? probe.key : null;
    } catch (RuntimeException | LinkageError unexpected) {
      return null;
    }
  }

  /** A context that notes the key written into it and holds nothing. */
  private static final class KeyProbe implements Context {
    ContextKey<Object> key;
    int writes;
    int reads;

    @Override
    public <V> V get(ContextKey<V> k) {
      reads++;
      return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Context with(ContextKey<V> k, V value) {
      key = (ContextKey<Object>) k;
      writes++;
      return this;
    }
  }
}
