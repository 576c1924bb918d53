package dev.pillars;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Shuts the SDK down within a deadline. {@code OpenTelemetrySdk.shutdown()} does not only return a
 * result to wait on: {@code PeriodicMetricReader.shutdown} blocks the calling thread in its final
 * export, 5-9 s against a collector that accepts and never answers, before that result exists. So
 * the whole shutdown runs on a daemon thread and the caller waits for it at most the timeout;
 * exporters still busy then are left to finish (or fail) on their own threads.
 */
final class BoundedSdkShutdown {

  private BoundedSdkShutdown() {}

  /** Returns whether every provider and exporter finished within {@code timeout}. */
  static boolean shutdown(OpenTelemetrySdk sdk, Duration timeout) {
    CompletableResultCode done = new CompletableResultCode();
    Thread thread =
        new Thread(
            () -> {
              try {
                CompletableResultCode result = sdk.shutdown();
                result.whenComplete(done::succeed);
              } catch (RuntimeException e) {
                done.fail();
              }
            },
            "pillars-sdk-shutdown");
    thread.setDaemon(true);
    thread.start();
    done.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return done.isDone();
  }
}
