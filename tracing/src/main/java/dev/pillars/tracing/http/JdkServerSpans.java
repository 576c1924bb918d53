package dev.pillars.tracing.http;

import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.incubator.semconv.http.HttpExperimentalAttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.ErrorCauseExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.LocalRootSpan;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusExtractor;
import io.opentelemetry.instrumentation.api.internal.HttpRouteState;
import io.opentelemetry.instrumentation.api.internal.SemconvExceptionSignal;
import io.opentelemetry.instrumentation.api.internal.SpanKey;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerAttributesExtractor;
import io.opentelemetry.instrumentation.api.semconv.http.HttpSpanStatusExtractor;

/**
 * The JDK filter's SERVER spans, started on the tracer's {@link SpanBuilder} with the HTTP
 * conventions' own extractors writing straight onto it (see {@link SpanAttributesWriter}). It does
 * what the instrumentation API's {@code Instrumenter} does for a server request, in the same order,
 * without the attribute maps it builds and copies on every request:
 *
 * <ul>
 *   <li>no span when instrumentation is suppressed or an HTTP server span is already in context;
 *   <li>the parent read from the request's headers by the configured propagators;
 *   <li>the {@code HttpServerRoute} entry, so that a framework's {@code HttpServerRoute.update}
 *       renames the span; {@link LocalRootSpan} for spans that start a local trace; the HTTP server
 *       span key, which suppresses a second server span inside this one;
 *   <li>at the end: the error's cause (see {@link #cause}), recorded as an exception event, the end
 *       attributes, and the status of the conventions (5xx and thrown errors are errors).
 * </ul>
 *
 * <p>The preview setting that emits exceptions as log records instead of span events ({@code
 * otel.semconv.exception.signal.preview}) is honoured for the span event; the log record itself is
 * not emitted here.
 *
 * <p>The route entry, the span key and the exception setting are the instrumentation API's {@code
 * internal} classes, the ones the Java agent bridges between its copy and the application's; they
 * are public but may change between versions, so {@code
 * JdkServerFilterKeepsTheInstrumenterContract} pins what they do with the version this build
 * resolves.
 */
final class JdkServerSpans {

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final HttpExchangeAttributes getter;
  private final ServerSpanNames names;
  private final AttributesExtractor<ScannedExchange, ScannedExchange> server;
  private final AttributesExtractor<ScannedExchange, ScannedExchange> experimental;
  private final SpanStatusExtractor<ScannedExchange, ScannedExchange> status;
  private final ErrorCauseExtractor causes = ErrorCauseExtractor.getDefault();

  /** {@code experimental}: whether the experimental body-size attributes are written. */
  JdkServerSpans(
      Tracer tracer, TextMapPropagator propagator, RouteTable routes, boolean experimental) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.getter = new HttpExchangeAttributes();
    this.names = new ServerSpanNames(routes);
    this.server = HttpServerAttributesExtractor.create(getter);
    this.experimental = experimental ? HttpExperimentalAttributesExtractor.create(getter) : null;
    this.status = HttpSpanStatusExtractor.create(getter);
  }

  /** Whether a request under {@code parent} gets a span of its own. */
  boolean shouldStart(Context parent) {
    return !InstrumentationUtil.shouldSuppressInstrumentation(parent)
        && SpanKey.HTTP_SERVER.fromContextOrNull(parent) == null;
  }

  /**
   * Starts the request's span; the returned context holds it and marks the request counted ({@link
   * HttpServerTracing#alreadyCounted}).
   */
  Context start(Context current, ScannedExchange request) {
    Context parent = propagator.extract(current, request, getter);
    SpanBuilder builder = tracer.spanBuilder(names.extract(request)).setSpanKind(SpanKind.SERVER);
    SpanAttributesWriter attributes = new SpanAttributesWriter(builder);
    server.onStart(attributes, parent, request);
    if (experimental != null) {
      experimental.onStart(attributes, parent, request);
    }

    Context context = parent;
    if (HttpRouteState.fromContextOrNull(context) == null) {
      context = context.with(HttpRouteState.create(names.routeMethod(request), null, 0));
    }
    SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
    boolean localRoot = !parentSpan.isValid() || parentSpan.isRemote();
    boolean hadLocalRoot = LocalRootSpan.fromContextOrNull(context) != null;

    Span span = builder.setParent(context).startSpan();
    if (!hadLocalRoot) {
      HttpRouteState.updateSpan(context, span);
    }
    return RequestContext.available()
        ? new RequestContext(context, span, localRoot)
        : RequestContext.oneByOne(context, span, localRoot);
  }

  /**
   * The error the conventions report for {@code thrown}: its cause when it only wraps one ({@code
   * ExecutionException}, {@code CompletionException}, reflection's wrappers); null for null.
   */
  Throwable cause(Throwable thrown) {
    return thrown == null ? null : causes.extract(thrown);
  }

  /**
   * Ends the span of {@code context}, which {@link #start} returned; {@code error} is the {@link
   * #cause} of what the handler threw, or null.
   */
  void end(Context context, ScannedExchange request, Throwable error) {
    Span span = Span.fromContext(context);
    if (!span.isRecording()) {
      // sampled out: the span would drop the end attributes, the status and the event unread
      span.end();
      return;
    }
    if (error != null && SemconvExceptionSignal.emitExceptionAsSpanEvents()) {
      span.recordException(error);
    }
    SpanAttributesWriter attributes = new SpanAttributesWriter(span);
    server.onEnd(attributes, context, request, request, error);
    if (experimental != null) {
      experimental.onEnd(attributes, context, request, request, error);
    }
    status.extract(attributes, request, request, error);
    span.end();
  }
}
