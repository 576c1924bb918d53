package dev.pillars.kit;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;

/**
 * Internal, not for public use. The service-provider hook through which a module that starts before
 * {@code Pillars} (a Logback appender, say) publishes its self-metrics once the SDK exists.
 *
 * <p>Implementations are listed in {@code META-INF/services/dev.pillars.kit.InstrumentationBinder}
 * and found with {@link java.util.ServiceLoader} when a {@code Pillars} instance is built; {@link
 * #bindTo(OpenTelemetry, Attributes)} is called once with that instance's SDK. Typical
 * implementations {@link ReasonCounter#bindTo bind} the counters the module keeps anyway, so the
 * order in which the module and {@code Pillars} start does not matter. An implementation that
 * throws is logged and skipped; it never stops start-up.
 */
public interface InstrumentationBinder {

  /**
   * Registers this module's instruments on the given SDK.
   *
   * @param openTelemetry the SDK of the {@code Pillars} instance being built
   */
  void bindTo(OpenTelemetry openTelemetry);

  /**
   * Registers this module's instruments and tells it who the process is: the attributes of the
   * resource that the instance's metrics and spans carry ({@code service.name}, {@code
   * deployment.environment.name}, ...; read them with {@link ServiceIdentity#fromResource}), so
   * that a module started earlier (Logback) can stamp the same identity on what it writes. This is
   * the method {@code Pillars} calls; the default ignores the resource.
   *
   * @param openTelemetry the SDK of the {@code Pillars} instance being built
   * @param resource the attributes of that SDK's resource
   */
  default void bindTo(OpenTelemetry openTelemetry, Attributes resource) {
    bindTo(openTelemetry);
  }
}
