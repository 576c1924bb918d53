package dev.pillars.logging.loki;

import com.github.loki4j.client.http.HttpConfig;
import com.github.loki4j.client.http.Loki4jHttpClient;
import com.github.loki4j.client.http.LokiResponse;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wraps loki4j's HTTP client, retries a batch the way loki4j does (connection refused, timeouts,
 * 503, and 429 unless rate-limited batches are dropped; exponential backoff with jitter), and
 * counts what became of it, honestly:
 *
 * <ul>
 *   <li>a batch given up after answers or refused connections only: its events are {@link
 *       DropReason#LOKI_SEND_FAILED}, or {@link DropReason#LOKI_REJECTED} for a status that must
 *       not be retried (400 and friends); Loki surely does not hold them;
 *   <li>a request that timed out (or failed after the connection was made) may have been stored by
 *       Loki all the same: resending it (at least once delivery) counts its events as {@link
 *       LoggingSelfMetrics#LOKI_RESENT} (they may show twice), and giving it up counts them as
 *       {@link LoggingSelfMetrics#LOKI_UNCONFIRMED} (maybe stored), never as lost.
 * </ul>
 *
 * <p>loki4j itself is configured with zero retries so that this class sees the final outcome:
 * loki4j does not report how many events a lost batch held.
 */
// Loki4jHttpClient.close() is declared to throw Exception (so InterruptedException too); this
// class only passes on what the wrapped client throws.
@SuppressWarnings("try")
final class CountingLokiHttpClient implements Loki4jHttpClient {

  private final Loki4jHttpClient delegate;
  private final LokiRetryPolicy policy;
  private final LokiDeliveryCounts counts;

  CountingLokiHttpClient(
      Loki4jHttpClient delegate, LokiRetryPolicy policy, LokiDeliveryCounts counts) {
    this.delegate = delegate;
    this.policy = policy;
    this.counts = counts;
  }

  @Override
  public HttpConfig getConfig() {
    return delegate.getConfig();
  }

  @Override
  public LokiResponse send(ByteBuffer batch) throws Exception {
    long events = LokiDeliveryCounts.countEntries(batch);
    boolean mayBeStored = false;
    try {
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
        boolean timedOut = failure instanceof HttpTimeoutException;
        // Only a refused connection proves that Loki never saw the request.
        mayBeStored |= failure != null && !(failure instanceof ConnectException);
        boolean retriable = isRetriable(failure, response);
        if (!retriable || attempt >= policy.maxRetries() || !backOff(attempt)) {
          if (mayBeStored) {
            LoggingSelfMetrics.LOKI_UNCONFIRMED.add(events);
          } else {
            boolean rejected = failure == null && !retriable;
            LoggingSelfMetrics.DROPPED.add(
                rejected ? DropReason.LOKI_REJECTED : DropReason.LOKI_SEND_FAILED, events);
          }
          if (failure != null) {
            throw failure;
          }
          return response;
        }
        if (timedOut) {
          LoggingSelfMetrics.LOKI_RESENT.add(events);
        }
      }
    } finally {
      counts.settled(events);
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
    long delay = Math.min(policy.maxBackoffMs(), policy.minBackoffMs() << Math.min(attempt, 20));
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

  @Override
  public void close() throws Exception {
    delegate.close();
  }
}
