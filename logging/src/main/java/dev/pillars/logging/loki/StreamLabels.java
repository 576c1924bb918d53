package dev.pillars.logging.loki;

import ch.qos.logback.classic.Level;
import dev.pillars.logging.internal.LogIdentity;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import dev.pillars.logging.json.PillarsJsonEncoder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Loki labels of a {@link LokiJsonAppender}, one set per level: {@code service}, {@code
 * environment} (left out when unknown) and {@code level}. The values are the appender's explicit
 * labels, else those the encoder writes (a {@link PillarsJsonEncoder} follows the running {@code
 * Pillars}), else the appender's own {@link LogIdentity}. Rebuilt only when the identity moves (a
 * {@code Pillars} instance starts); per event it costs the identity's volatile reads and two
 * reference comparisons.
 */
final class StreamLabels {

  private static final Level[] LEVELS = {
    Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR
  };

  /** The label sets per level, and the identity values they were built from. */
  private record Streams(
      String service, String environment, Map<Level, Map<String, String>> byLevel) {}

  private final @Nullable String serviceLabel;
  private final @Nullable String environmentLabel;
  private final @Nullable PillarsJsonEncoder encoder;
  private final @Nullable LogIdentity identity;
  private volatile Streams streams;

  /**
   * @param serviceLabel the explicit {@code service} label, or {@code null}
   * @param environmentLabel the explicit {@code environment} label, or {@code null}
   * @param encoder the started encoder whose identity the labels follow, or {@code null}
   * @param identity the identity used when {@code encoder} is {@code null}
   */
  StreamLabels(
      @Nullable String serviceLabel,
      @Nullable String environmentLabel,
      @Nullable PillarsJsonEncoder encoder,
      @Nullable LogIdentity identity) {
    this.serviceLabel = serviceLabel;
    this.environmentLabel = environmentLabel;
    this.encoder = encoder;
    this.identity = identity;
    this.streams = build(service(), environment());
  }

  /** The labels of an event at {@code level}. */
  Map<String, String> of(Level level) {
    String service = service();
    String environment = environment();
    Streams current = streams;
    // The identity hands out the same String instances until it is re-resolved.
    if (current.service() != service || current.environment() != environment) {
      current = build(service, environment);
      streams = current;
    }
    return current.byLevel().get(level);
  }

  private String service() {
    return encoder != null ? encoder.serviceName() : identity.current().service();
  }

  private String environment() {
    return encoder != null ? encoder.environment() : identity.current().environment();
  }

  private Streams build(String resolvedService, String resolvedEnvironment) {
    String service = serviceLabel != null ? serviceLabel : resolvedService;
    String environment = environmentLabel != null ? environmentLabel : resolvedEnvironment;
    Map<Level, Map<String, String>> byLevel = new HashMap<>();
    for (Level level : LEVELS) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("service", LoggingSelfMetrics.repairSurrogates(service));
      if (!environment.isEmpty()) {
        labels.put("environment", LoggingSelfMetrics.repairSurrogates(environment));
      }
      labels.put("level", level.toString());
      byLevel.put(level, Map.copyOf(labels));
    }
    return new Streams(resolvedService, resolvedEnvironment, byLevel);
  }
}
