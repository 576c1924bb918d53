package dev.pillars.langchain4j;

import dev.pillars.metrics.llm.LlmMetrics;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP client that sees every response LangChain4j's JDK client gets, errors included: the
 * rate-limit headers of a 429 reach {@code llm_rate_limit_remaining} (LangChain4j's exception drops
 * them), and each attempt is counted on the call whose {@code onRequest} ran on this thread, so
 * retries (sync models retry 429 and 5xx twice by default) are not invisible.
 */
final class ObservedJdkHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final LlmMetrics llm;

  ObservedJdkHttpClient(HttpClient delegate, LlmMetrics llm) {
    this.delegate = delegate;
    this.llm = llm;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    attempt(false);
    HttpResponse<T> response = delegate.send(request, handler);
    observe(response);
    return response;
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    attempt(true);
    return delegate.sendAsync(request, handler).whenComplete((r, e) -> observe(r));
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    attempt(true);
    return delegate
        .sendAsync(request, handler, pushPromiseHandler)
        .whenComplete((r, e) -> observe(r));
  }

  private static void attempt(boolean async) {
    CallState state = InFlight.call();
    if (state != null) {
      if (async) {
        InFlight.callDone(state); // a stream is sent once; its callbacks come elsewhere
      }
      state.attempt();
    }
  }

  private void observe(HttpResponse<?> response) {
    if (response != null) {
      try {
        RateLimitHeaders.record(llm, response.headers().map());
      } catch (RuntimeException ignored) {
        // never let bookkeeping break the application's request
      }
    }
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return delegate.newWebSocketBuilder();
  }
}
