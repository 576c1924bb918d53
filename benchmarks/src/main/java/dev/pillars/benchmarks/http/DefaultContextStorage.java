package dev.pillars.benchmarks.http;

import io.opentelemetry.context.ContextStorage;

/**
 * The HTTP measurements compare a server with no context against one that makes a context current
 * on every request, so they must run on the context storage users run: the API's thread-local one.
 * {@code opentelemetry-sdk-testing} (here for {@code InMemoryMetricReader}) registers a settable
 * wrapper that the API prefers whenever it is on the class path; the benchmarks jar leaves its
 * registration out (see {@code benchmarks/pom.xml}) and the allocation guard's forks set {@code
 * -Dio.opentelemetry.context.contextStorageProvider=default}.
 */
final class DefaultContextStorage {

  private DefaultContextStorage() {}

  /** Fails when the context storage is not the API's default, naming what is in use. */
  static void require() {
    ContextStorage storage = ContextStorage.get();
    if (storage != ContextStorage.defaultStorage()) {
      throw new IllegalStateException(
          "context storage is "
              + storage.getClass().getName()
              + ", not the API's default: run the benchmarks jar, or set"
              + " -Dio.opentelemetry.context.contextStorageProvider=default");
    }
  }
}
