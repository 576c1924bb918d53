package dev.pillars.logging.internal;

import dev.pillars.kit.InstrumentationBinder;
import dev.pillars.kit.ServiceIdentity;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Publishes {@link LoggingSelfMetrics} on the SDK of a starting {@code Pillars} instance.
 *
 * <p>Found through {@link java.util.ServiceLoader} ({@code META-INF/services}); users never call
 * it. The instruments are observable counters that read the module's counters at collection time,
 * so logging that started before the SDK is still counted. Prometheus names: {@code
 * pillars_logging_dropped_total{reason}}, {@code pillars_logging_truncated_total}, {@code
 * pillars_logging_cleaned_characters_total}, {@code pillars_logging_renamed_fields_total}, {@code
 * pillars_logging_redacted_total}, {@code pillars_logging_loki_unconfirmed_total}, {@code
 * pillars_logging_loki_resent_total}.
 *
 * <p>It also hands the instance's resource to the encoders, so that the {@code service} and {@code
 * environment} fields (and Loki labels) say what the metrics and spans say, whichever of Logback
 * and {@code Pillars} started first.
 */
public final class LoggingInstrumentationBinder implements InstrumentationBinder {

  static final String SCOPE = "dev.pillars.logging";

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
    LoggingSelfMetrics.bindTo(openTelemetry.getMeter(SCOPE));
  }
}
