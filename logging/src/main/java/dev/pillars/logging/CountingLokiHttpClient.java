package dev.pillars.logging;

import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.client.http.LokiResponse;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wraps loki4j's HTTP client, retries a batch the way loki4j does (connection refused, timeouts,
 * 503, and 429 unless rate-limited batches are dropped; exponential backoff with jitter), and
 * counts the events of a batch that is finally given up as {@link DropReason#LOKI_SEND_FAILED}
 * or, for statuses that must not be retried (400 and friends), {@link DropReason#LOKI_REJECTED}.
 *
 * <p>loki4j itself is configured with zero retries so that this class sees the final outcome:
 * loki4j does not report how many events a lost batch held.
 */
final class CountingLokiHttpClient implements Loki4jHttpClient {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Loki4jHttpClient delegate;
  private final LokiRetryPolicy policy;

  CountingLokiHttpClient(Loki4jHttpClient delegate, LokiRetryPolicy policy) {
    this.delegate = delegate;
    this.policy = policy;
  }

  @Override
  public HttpConfig getConfig() {
    return delegate.getConfig();
  }

  @Override
  public LokiResponse send(ByteBuffer batch) throws Exception {
    for (int attempt = 0; ; attempt++) {
      batch.rewind();
      LokiResponse response = null;
      Exception failure = null;
      try {
        response = delegate.send(batch);
        if (response.status >= 200 && response.status < 300) {
          return response;
        }
      } catch (Exception e) {
        failure = e;
      }
      boolean retriable = isRetriable(failure, response);
      if (!retriable || attempt >= policy.maxRetries() || !backOff(attempt)) {
        boolean rejected = failure == null && !retriable;
        LoggingSelfMetrics.recordDropped(
            rejected ? DropReason.LOKI_REJECTED : DropReason.LOKI_SEND_FAILED,
            countEvents(batch));
        if (failure != null) {
          throw failure;
        }
        return response;
      }
    }
  }

  private boolean isRetriable(Exception failure, LokiResponse response) {
    if (failure != null) {
      return failure instanceof ConnectException || failure instanceof HttpTimeoutException;
    }
    return response.status == 503 || (response.status == 429 && !policy.dropRateLimited());
  }

  /** Sleeps before the next attempt; {@code false} if interrupted (the batch is then given up). */
  private boolean backOff(int attempt) {
    long delay =
        Math.min(policy.maxBackoffMs(), policy.minBackoffMs() << Math.min(attempt, 20));
    if (policy.maxJitterMs() > 0) {
      delay += ThreadLocalRandom.current().nextInt(policy.maxJitterMs());
    }
    try {
      Thread.sleep(delay);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Counts the log lines in a JSON push body; only runs when a batch is lost. */
  static long countEvents(ByteBuffer batch) {
    try {
      ByteBuffer copy = batch.duplicate();
      copy.rewind();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      JsonNode streams = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8)).get("streams");
      long count = 0;
      if (streams != null) {
        for (JsonNode stream : streams) {
          JsonNode values = stream.get("values");
          count += values == null ? 0 : values.size();
        }
      }
      return count;
    } catch (RuntimeException e) {
      // An unreadable body still lost at least one event.
      return 1;
    }
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }
}
