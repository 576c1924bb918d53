package dev.pillars;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.resources.Resource;

/**
 * Service-provider hook through which modules that start before {@link Pillars} (a Logback
 * appender, say) publish their self-metrics once the SDK exists.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} when a {@link Pillars} instance
 * is built, and {@link #bindTo(OpenTelemetry)} is called once with that instance's SDK. Typical
 * implementations register observable instruments that read counters the module keeps anyway, so
 * the order in which the module and {@code Pillars} start does not matter. An implementation that
 * throws is logged and skipped; it never stops start-up.
 */
public interface InstrumentationBinder {

  /**
   * Registers this module's instruments on the given SDK.
   *
   * @param openTelemetry the SDK of the {@link Pillars} instance being built
   */
  void bindTo(OpenTelemetry openTelemetry);

  /**
   * Registers this module's instruments and tells it who the process is: the resource that the
   * instance's metrics and spans carry ({@code service.name}, {@code deployment.environment.name},
   * ...), so that a module started earlier (Logback) can stamp the same identity on what it writes.
   * This is the method {@link Pillars} calls; the default ignores the resource.
   *
   * @param openTelemetry the SDK of the {@link Pillars} instance being built
   * @param resource the resource of that SDK
   */
  default void bindTo(OpenTelemetry openTelemetry, Resource resource) {
    bindTo(openTelemetry);
  }
}
