package dev.pillars.langchain4j;

import dev.pillars.metrics.llm.LlmMetrics;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** A JDK client builder whose clients report every response to Pillars; setters pass through. */
final class ObservedJdkClientBuilder implements HttpClient.Builder {

  private final HttpClient.Builder delegate;
  private final LlmMetrics llm;

  ObservedJdkClientBuilder(HttpClient.Builder delegate, LlmMetrics llm) {
    this.delegate = delegate;
    this.llm = llm;
  }

  @Override
  public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
    delegate.cookieHandler(cookieHandler);
    return this;
  }

  @Override
  public HttpClient.Builder connectTimeout(Duration duration) {
    delegate.connectTimeout(duration);
    return this;
  }

  @Override
  public HttpClient.Builder sslContext(SSLContext sslContext) {
    delegate.sslContext(sslContext);
    return this;
  }

  @Override
  public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
    delegate.sslParameters(sslParameters);
    return this;
  }

  @Override
  public HttpClient.Builder executor(Executor executor) {
    delegate.executor(executor);
    return this;
  }

  @Override
  public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
    delegate.followRedirects(policy);
    return this;
  }

  @Override
  public HttpClient.Builder version(HttpClient.Version version) {
    delegate.version(version);
    return this;
  }

  @Override
  public HttpClient.Builder priority(int priority) {
    delegate.priority(priority);
    return this;
  }

  @Override
  public HttpClient.Builder proxy(ProxySelector proxySelector) {
    delegate.proxy(proxySelector);
    return this;
  }

  @Override
  public HttpClient.Builder authenticator(Authenticator authenticator) {
    delegate.authenticator(authenticator);
    return this;
  }

  @Override
  public HttpClient build() {
    return new ObservedJdkHttpClient(delegate.build(), llm);
  }
}
