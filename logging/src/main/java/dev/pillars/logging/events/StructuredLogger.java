package dev.pillars.logging.events;

import dev.pillars.kit.Failures;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import dev.pillars.logging.json.LogRedactor;
import dev.pillars.logging.json.PillarsJsonEncoder;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Typed request, response and error events for LLM/RAG services, each written as one JSON line with
 * an {@code event_type} field and typed fields (numbers stay numbers), correlated with the current
 * trace by {@link PillarsJsonEncoder}.
 *
 * <p>Private by default: the query text and the user id are written as salted SHA-256 digests
 * ({@link SensitiveTextPolicy#HASH}; without a configured salt, a random one drawn once per
 * process) unless the builder opts into {@code PLAIN}; the same applies to {@code user_id} and
 * {@code query} keys in an error context. Free text (error messages) still goes through the
 * encoder's {@link LogRedactor}s. Methods never throw: an exception with a cause chain too deep for
 * Logback, or whose {@code getMessage()} throws, is logged through a stand-in that keeps its class
 * names, messages and stack frames.
 *
 * <pre>{@code
 * StructuredLogger events = StructuredLogger.builder(LoggerFactory.getLogger("rag"))
 *     .hashSalt(System.getenv("LOG_HASH_SALT"))
 *     .build();
 * events.logRequest("What are the latest sales figures?", "alice", "sess_12345", "/api/query");
 * events.logResponse(1250.5, 450, 180, 0.0234, true, "gpt-4", false);
 * events.logError(e, Map.of("endpoint", "/api/query", "retry_attempt", 3));
 * }</pre>
 */
public final class StructuredLogger {

  private static final Set<String> USER_ID_KEYS = Set.of("user_id", "userId", "user");
  private static final Set<String> QUERY_KEYS = Set.of("query", "prompt");
  static final String REDACTED = "[redacted]";

  private final Logger logger;
  private final SensitiveTextPolicy queryPolicy;
  private final SensitiveTextPolicy userIdPolicy;
  private final ValueHasher hasher;

  private StructuredLogger(Builder builder) {
    this.logger = builder.logger;
    this.queryPolicy = builder.queryPolicy;
    this.userIdPolicy = builder.userIdPolicy;
    this.hasher =
        new ValueHasher(
            builder.salt == null || builder.salt.isEmpty() ? ProcessHashSalt.get() : builder.salt);
  }

  /**
   * An event logger with the private defaults (query and user id hashed with a random per-process
   * salt).
   *
   * @param logger the SLF4J logger to write to
   * @return the event logger
   */
  public static StructuredLogger of(Logger logger) {
    return builder(logger).build();
  }

  /**
   * Starts configuring an event logger.
   *
   * @param logger the SLF4J logger to write to
   * @return a builder
   */
  public static Builder builder(Logger logger) {
    return new Builder(logger);
  }

  /**
   * Logs an incoming request at INFO: {@code event_type=request}, {@code query} (per policy),
   * {@code query_chars}, {@code user_id} (per policy), {@code session_id}, {@code endpoint}. Null
   * arguments leave their field out.
   *
   * @param query the user's query text
   * @param userId the user id
   * @param sessionId the session id (pseudonymous, written as is)
   * @param endpoint the endpoint or route
   */
  public void logRequest(
      @Nullable String query,
      @Nullable String userId,
      @Nullable String sessionId,
      @Nullable String endpoint) {
    try {
      LoggingEventBuilder event =
          logger.atInfo().setMessage("Request received").addKeyValue("event_type", "request");
      if (query != null) {
        event.addKeyValue("query", protect(query, queryPolicy));
        event.addKeyValue("query_chars", query.length());
      }
      putIfPresent(event, "user_id", userId == null ? null : protect(userId, userIdPolicy));
      putIfPresent(event, "session_id", sessionId);
      putIfPresent(event, "endpoint", endpoint);
      event.log();
    } catch (Throwable t) {
      swallow(t);
    }
  }

  /**
   * Logs a completed response, at INFO when {@code success} and WARN otherwise: {@code
   * event_type=response}, {@code duration_ms}, {@code input_tokens}, {@code output_tokens}, {@code
   * cost_usd}, {@code success}, {@code model}, {@code cache_hit}. A cost that is NaN or negative
   * means "unknown" and leaves {@code cost_usd} out rather than writing a misleading 0.
   *
   * @param durationMs the duration in milliseconds
   * @param inputTokens prompt tokens
   * @param outputTokens completion tokens
   * @param costUsd the cost in US dollars, or {@link Double#NaN} when unknown
   * @param success whether the request succeeded
   * @param model the model name, or {@code null}
   * @param cacheHit whether the answer came from a cache
   */
  public void logResponse(
      double durationMs,
      long inputTokens,
      long outputTokens,
      double costUsd,
      boolean success,
      @Nullable String model,
      boolean cacheHit) {
    try {
      LoggingEventBuilder event =
          (success ? logger.atInfo() : logger.atWarn())
              .setMessage("Response completed")
              .addKeyValue("event_type", "response")
              .addKeyValue("duration_ms", durationMs)
              .addKeyValue("input_tokens", inputTokens)
              .addKeyValue("output_tokens", outputTokens);
      if (Double.isFinite(costUsd) && costUsd >= 0) {
        event.addKeyValue("cost_usd", costUsd);
      }
      event.addKeyValue("success", success);
      putIfPresent(event, "model", model);
      event.addKeyValue("cache_hit", cacheHit);
      event.log();
    } catch (Throwable t) {
      swallow(t);
    }
  }

  /**
   * Logs a failure at ERROR: {@code event_type=error}, {@code error_type} (class name), {@code
   * error_message}, then the context entries as fields ({@code user_id} and {@code query} keys
   * protected by policy; numbers stay numbers), and the stack trace.
   *
   * @param error the exception, or {@code null}
   * @param context extra fields, or {@code null}
   */
  public void logError(@Nullable Throwable error, @Nullable Map<String, ?> context) {
    try {
      LoggingEventBuilder event =
          logger.atError().setMessage("Request failed").addKeyValue("event_type", "error");
      if (error != null) {
        event.addKeyValue("error_type", Failures.errorType(error));
        putIfPresent(event, "error_message", LoggableCause.messageOf(error));
        event.setCause(LoggableCause.of(error));
      }
      if (context != null) {
        for (Map.Entry<String, ?> entry : context.entrySet()) {
          String key = entry.getKey();
          Object value = entry.getValue();
          if (key == null) {
            continue;
          }
          if (value != null && USER_ID_KEYS.contains(key)) {
            value = protect(String.valueOf(value), userIdPolicy);
          } else if (value != null && QUERY_KEYS.contains(key)) {
            value = protect(String.valueOf(value), queryPolicy);
          }
          event.addKeyValue(key, value);
        }
      }
      event.log();
    } catch (Throwable t) {
      swallow(t);
    }
  }

  /**
   * Keeps the "never throws" promise: anything a caller's object or Logback throws (a {@code
   * toString()} that fails, a {@code StackOverflowError} deep in a library) drops the event and
   * counts it. Only errors after which the JVM cannot be trusted (out of memory, internal errors)
   * go on.
   */
  private static void swallow(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
    LoggingSelfMetrics.DROPPED.add(DropReason.ENCODING_FAILED, 1);
  }

  private String protect(String value, SensitiveTextPolicy policy) {
    return switch (policy) {
      case HASH -> hasher.hash(value);
      case REDACT -> REDACTED;
      case PLAIN -> value;
    };
  }

  private static void putIfPresent(LoggingEventBuilder event, String key, @Nullable Object value) {
    if (value != null) {
      event.addKeyValue(key, value);
    }
  }

  /** Configures a {@link StructuredLogger}; settings are frozen by {@link #build()}. */
  public static final class Builder {
    private final Logger logger;
    private SensitiveTextPolicy queryPolicy = SensitiveTextPolicy.HASH;
    private SensitiveTextPolicy userIdPolicy = SensitiveTextPolicy.HASH;
    private @Nullable String salt;

    private Builder(Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
    }

    /**
     * How query text is written (default {@link SensitiveTextPolicy#HASH}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder queryPolicy(SensitiveTextPolicy policy) {
      this.queryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How user ids are written (default {@link SensitiveTextPolicy#HASH}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder userIdPolicy(SensitiveTextPolicy policy) {
      this.userIdPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * A secret prepended to values before hashing, so that digests of guessable values (short user
     * ids) cannot be reversed by trying candidates. Keep it stable (and the same on every instance)
     * to keep digests joinable across restarts. Without one (or with {@code null} or {@code ""}) a
     * random salt is drawn once per process, which keeps digests private but joinable within that
     * process only; the first such logger says so in one INFO line.
     *
     * @param salt the salt; {@code null} or empty means a random per-process salt
     * @return this builder
     */
    public Builder hashSalt(@Nullable String salt) {
      this.salt = salt;
      return this;
    }

    /**
     * Builds the event logger.
     *
     * @return the event logger
     */
    public StructuredLogger build() {
      return new StructuredLogger(this);
    }
  }
}
