package dev.pillars.logging.loki;

import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.logback.HttpSender;
import com.github.loki4j.logback.JavaHttpSender;
import java.util.function.Function;

/** loki4j's JDK HTTP sender with {@link CountingLokiHttpClient} around the client it creates. */
final class CountingLokiSender implements HttpSender {

  private final HttpSender delegate = new JavaHttpSender();
  private final LokiRetryPolicy policy;
  private final LokiDeliveryCounts counts;

  CountingLokiSender(LokiRetryPolicy policy, LokiDeliveryCounts counts) {
    this.policy = policy;
    this.counts = counts;
  }

  @Override
  public HttpConfig.Builder getConfig() {
    return delegate.getConfig();
  }

  @Override
  public Function<HttpConfig, Loki4jHttpClient> getHttpClientFactory() {
    Function<HttpConfig, Loki4jHttpClient> factory = delegate.getHttpClientFactory();
    return config -> new CountingLokiHttpClient(factory.apply(config), policy, counts);
  }
}
