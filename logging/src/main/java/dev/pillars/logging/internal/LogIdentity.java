package dev.pillars.logging.internal;

import dev.pillars.kit.ServiceIdentity;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>The {@code service} and {@code environment} an encoder writes: what its configuration sets
 * explicitly ({@code <serviceName>}, {@code <environment>}), else the resource of the running
 * {@code Pillars} ({@link BoundServiceIdentity}), else {@code OTEL_SERVICE_NAME} / {@code
 * OTEL_RESOURCE_ATTRIBUTES}. Re-resolved only when a {@code Pillars} instance starts; the per-event
 * cost is one volatile read and a reference comparison.
 */
public final class LogIdentity {

  /**
   * One resolution.
   *
   * @param basis the bound identity it was made from, {@code null} when none was bound
   * @param service the service name to write
   * @param environment the environment to write, {@code ""} when unknown
   */
  public record Resolved(@Nullable ServiceIdentity basis, String service, String environment) {}

  private final @Nullable String configuredService;
  private final @Nullable String configuredEnvironment;
  private final ServiceIdentity fromEnvironment;
  private volatile Resolved resolved;

  /**
   * Resolves the identity from explicit settings, else the bound identity, else the environment.
   *
   * @param configuredService the explicit service name, or {@code null}
   * @param configuredEnvironment the explicit environment, or {@code null}
   * @param fromEnvironment the identity read from {@code OTEL_*} settings
   */
  public LogIdentity(
      @Nullable String configuredService,
      @Nullable String configuredEnvironment,
      ServiceIdentity fromEnvironment) {
    this.configuredService = configuredService;
    this.configuredEnvironment = configuredEnvironment;
    this.fromEnvironment = Objects.requireNonNull(fromEnvironment, "fromEnvironment");
    this.resolved = resolve(BoundServiceIdentity.current());
  }

  /**
   * The identity the OpenTelemetry SDK would give this process: {@code OTEL_SERVICE_NAME}, {@code
   * OTEL_RESOURCE_ATTRIBUTES} and their {@code otel.*} system properties, read by autoconfigure.
   *
   * @return the identity
   * @throws RuntimeException when the settings cannot be read (a malformed attribute list)
   */
  public static ServiceIdentity fromEnvironment() {
    return ServiceIdentity.fromResource(
        ResourceConfiguration.createEnvironmentResource().getAttributes());
  }

  /**
   * The resolution for the identity bound now; the same instance until a {@code Pillars} starts.
   *
   * @return the current resolution
   */
  public Resolved current() {
    ServiceIdentity bound = BoundServiceIdentity.current();
    Resolved r = resolved;
    if (r.basis() != bound) {
      r = resolve(bound);
      resolved = r;
    }
    return r;
  }

  private Resolved resolve(@Nullable ServiceIdentity bound) {
    ServiceIdentity base = bound != null ? bound : fromEnvironment;
    String service = configuredService != null ? configuredService : base.serviceName();
    String environment = configuredEnvironment != null ? configuredEnvironment : base.environment();
    return new Resolved(
        bound,
        LoggingSelfMetrics.repairSurrogates(service),
        LoggingSelfMetrics.repairSurrogates(environment));
  }
}
