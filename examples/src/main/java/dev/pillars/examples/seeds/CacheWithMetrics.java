package dev.pillars.examples.seeds;

import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.BoundGauge;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.StandardMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * seeds/001's example 3: a cache that counts hits and misses and publishes its size. The handles
 * are bound once, so a lookup records without allocating.
 */
public final class CacheWithMetrics {

  private final Map<String, String> entries = new ConcurrentHashMap<>();
  private final BoundCounter hits;
  private final BoundCounter misses;
  private final BoundGauge size;

  /** A cache called {@code name} (a bounded label: one per cache, not per key). */
  public CacheWithMetrics(Metrics metrics, String name) {
    this.hits = metrics.counter(StandardMetrics.CACHE_HITS).labels(name, "get");
    this.misses = metrics.counter(StandardMetrics.CACHE_MISSES).labels(name, "get");
    this.size = metrics.gauge(StandardMetrics.CACHE_SIZE).labels(name);
  }

  /** The value for {@code key}, counting a hit or a miss. */
  public Optional<String> get(String key) {
    String v = entries.get(key);
    (v != null ? hits : misses).increment();
    return Optional.ofNullable(v);
  }

  /** Stores a value and publishes the cache's approximate size in bytes. */
  public void put(String key, String value) {
    entries.put(key, value);
    publishSize();
  }

  /** Empties the cache. */
  public void clear() {
    entries.clear();
    publishSize();
  }

  private void publishSize() {
    long bytes = 0;
    for (Map.Entry<String, String> e : entries.entrySet()) {
      bytes +=
          e.getKey().getBytes(StandardCharsets.UTF_8).length
              + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    size.set(bytes);
  }
}
