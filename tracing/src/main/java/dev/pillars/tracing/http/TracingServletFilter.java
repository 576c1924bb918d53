package dev.pillars.tracing.http;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A Jakarta Servlet filter that gives each request a SERVER span and the HTTP server metrics; see
 * {@link HttpServerTracing}. Asynchronous requests end when their async context completes. The
 * application's exceptions pass unchanged.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * context.addFilter(new FilterHolder(new TracingServletFilter(http)), "/*",
 *     EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
public final class TracingServletFilter implements Filter {

  private final HttpServerTracing tracing;
  private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;
  private final Instrumenter<HttpServletRequest, HttpServletResponse> metricsOnly;

  /** A filter for the given instrumentation. */
  public TracingServletFilter(HttpServerTracing tracing) {
    this.tracing = tracing;
    ServletRequestAttributes attributes = new ServletRequestAttributes(tracing.routes);
    this.instrumenter = tracing.instrumenter(attributes, attributes);
    this.metricsOnly = tracing.metricsOnlyInstrumenter(attributes, attributes);
  }

  /** Runs the rest of the chain inside the request's span. */
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Context parent = Context.current();
    if (!tracing.traces(ServletRequestAttributes.path(request))
        || HttpServerTracing.alreadyCounted(parent)) {
      chain.doFilter(req, res);
      return;
    }
    // the Java agent's SERVER span is already there: record the metrics, make no second span
    boolean ownSpan =
        !HttpServerTracing.hasServerSpan(parent) && instrumenter.shouldStart(parent, request);
    Instrumenter<HttpServletRequest, HttpServletResponse> using =
        ownSpan ? instrumenter : metricsOnly;
    Context context = HttpServerTracing.counted(using.start(parent, request));
    Throwable error = null;
    try (Scope ignored = (ownSpan ? context : HttpServerTracing.counted(parent)).makeCurrent()) {
      chain.doFilter(req, res);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      if (error == null && request.isAsyncStarted()) {
        request
            .getAsyncContext()
            .addListener(new EndOnCompletion(using, context, request, response));
      } else {
        using.end(context, request, response, error);
      }
    }
  }

  /** Ends the span of an asynchronous request when its async context finishes. */
  private static final class EndOnCompletion implements AsyncListener {
    private final Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter;
    private final Context context;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private boolean ended;

    EndOnCompletion(
        Instrumenter<HttpServletRequest, HttpServletResponse> instrumenter,
        Context context,
        HttpServletRequest request,
        HttpServletResponse response) {
      this.instrumenter = instrumenter;
      this.context = context;
      this.request = request;
      this.response = response;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      end(null);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      end(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
      end(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }

    private synchronized void end(Throwable error) {
      if (!ended) {
        ended = true;
        instrumenter.end(context, request, response, error);
      }
    }
  }
}
