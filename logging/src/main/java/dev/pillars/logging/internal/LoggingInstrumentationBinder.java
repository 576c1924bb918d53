package dev.pillars.logging.internal;

import dev.pillars.kit.InstrumentationBinder;
import dev.pillars.kit.ServiceIdentity;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Publishes {@link LoggingSelfMetrics} on the SDK of a starting {@code Pillars} instance.
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code META-INF/services}); users never call
 * it. The instruments are observable counters that read the module's counters at collection time,
 * so logging that started before the SDK is still counted. Prometheus names:
 * {@code pillars_logging_dropped_total{reason}}, {@code pillars_logging_truncated_total},
 * {@code pillars_logging_cleaned_characters_total}, {@code pillars_logging_renamed_fields_total},
 * {@code pillars_logging_redacted_total}, {@code pillars_logging_loki_unconfirmed_total},
 * {@code pillars_logging_loki_resent_total}.
 *
 * <p>It also hands the instance's resource to the encoders, so that the {@code service} and
 * {@code environment} fields (and Loki labels) say what the metrics and spans say, whichever of
 * Logback and {@code Pillars} started first.
 */
public final class LoggingInstrumentationBinder implements InstrumentationBinder {

  static final String SCOPE = "dev.pillars.logging";
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  /** Creates the binder; called by {@link java.util.ServiceLoader}. */
  public LoggingInstrumentationBinder() {}

  /**
   * Makes log lines carry the identity of {@code resource}, then registers the counters.
   *
   * @param openTelemetry the SDK of the {@code Pillars} instance being built
   * @param resource its resource
   */
  @Override
  public void bindTo(OpenTelemetry openTelemetry, Attributes resource) {
    BoundServiceIdentity.set(ServiceIdentity.fromResource(resource));
    bindTo(openTelemetry);
  }

  /**
   * Registers the observable counters.
   *
   * @param openTelemetry the SDK of the {@code Pillars} instance being built
   */
  @Override
  public void bindTo(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter(SCOPE);
    Attributes[] reasons = new Attributes[DropReason.values().length];
    for (DropReason reason : DropReason.values()) {
      reasons[reason.ordinal()] = Attributes.of(REASON, reason.label());
    }
    meter
        .counterBuilder("pillars.logging.dropped")
        .setDescription("Log events that did not reach their destination, by reason.")
        .setUnit("{event}")
        .buildWithCallback(
            m -> {
              for (DropReason reason : DropReason.values()) {
                m.record(LoggingSelfMetrics.dropped(reason), reasons[reason.ordinal()]);
              }
            });
    meter
        .counterBuilder("pillars.logging.truncated")
        .setDescription("Log lines cut to the maximum line size, with a truncation marker.")
        .setUnit("{line}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.truncatedLines()));
    meter
        .counterBuilder("pillars.logging.cleaned_characters")
        .setDescription("Characters replaced by U+FFFD because they cannot be encoded.")
        .setUnit("{character}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.cleanedCharacters()));
    meter
        .counterBuilder("pillars.logging.renamed_fields")
        .setDescription("MDC or key-value fields renamed because their name was taken.")
        .setUnit("{field}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.renamedFields()));
    meter
        .counterBuilder("pillars.logging.redacted")
        .setDescription("Text values in which a redactor replaced sensitive content.")
        .setUnit("{value}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.redactedValues()));
    meter
        .counterBuilder("pillars.logging.loki.unconfirmed")
        .setDescription(
            "Loki events given up after a request timed out: Loki may have stored them.")
        .setUnit("{event}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.lokiUnconfirmedEvents()));
    meter
        .counterBuilder("pillars.logging.loki.resent")
        .setDescription("Loki events sent again after a request timed out: may be stored twice.")
        .setUnit("{event}")
        .buildWithCallback(m -> m.record(LoggingSelfMetrics.lokiResentEvents()));
  }
}
