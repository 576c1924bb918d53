package dev.pillars.logging;

import dev.pillars.InstrumentationBinder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;

/**
 * Publishes {@link LoggingSelfMetrics} on the SDK of a starting {@code Pillars} instance.
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code META-INF/services}); users never call
 * it. The instruments are observable counters that read the module's counters at collection time,
 * so logging that started before the SDK is still counted. Prometheus names:
 * {@code pillars_logging_dropped_total{reason}}, {@code pillars_logging_truncated_total},
 * {@code pillars_logging_cleaned_characters_total}, {@code pillars_logging_renamed_fields_total},
 * {@code pillars_logging_redacted_total}.
 */
public final class LoggingInstrumentationBinder implements InstrumentationBinder {

  static final String SCOPE = "dev.pillars.logging";
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  /** Creates the binder; called by {@link java.util.ServiceLoader}. */
  public LoggingInstrumentationBinder() {}

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
  }
}
