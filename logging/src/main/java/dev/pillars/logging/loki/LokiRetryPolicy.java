package dev.pillars.logging.loki;

/**
 * The retry settings of a {@link LokiJsonAppender}, taken from its loki4j {@code <http>} section.
 */
record LokiRetryPolicy(
    int maxRetries,
    long minBackoffMs,
    long maxBackoffMs,
    int maxJitterMs,
    boolean dropRateLimited) {}
