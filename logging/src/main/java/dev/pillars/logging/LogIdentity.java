package dev.pillars.logging;

import dev.pillars.kit.ServiceIdentity;

/**
 * The {@code service} and {@code environment} an encoder writes: what its configuration sets
 * explicitly ({@code <serviceName>}, {@code <environment>}), else the resource of the running
 * {@code Pillars} ({@link BoundServiceIdentity}), else {@code OTEL_SERVICE_NAME} /
 * {@code OTEL_RESOURCE_ATTRIBUTES}. Re-resolved only when a {@code Pillars} instance starts; the
 * per-event cost is one volatile read and a reference comparison.
 */
final class LogIdentity {

  /** One resolution; {@code basis} is the bound identity it was made from (maybe null). */
  record Resolved(ServiceIdentity basis, String service, String environment) {}

  private final String configuredService;
  private final String configuredEnvironment;
  private final ServiceIdentity fromEnvironment;
  private volatile Resolved resolved;

  LogIdentity(String configuredService, String configuredEnvironment, ServiceIdentity fromEnvironment) {
    this.configuredService = configuredService;
    this.configuredEnvironment = configuredEnvironment;
    this.fromEnvironment = fromEnvironment;
    this.resolved = resolve(BoundServiceIdentity.current());
  }

  Resolved current() {
    ServiceIdentity bound = BoundServiceIdentity.current();
    Resolved r = resolved;
    if (r.basis() != bound) {
      r = resolve(bound);
      resolved = r;
    }
    return r;
  }

  private Resolved resolve(ServiceIdentity bound) {
    ServiceIdentity base = bound != null ? bound : fromEnvironment;
    String service = configuredService != null ? configuredService : base.serviceName();
    String environment = configuredEnvironment != null ? configuredEnvironment : base.environment();
    return new Resolved(bound, Utf16Cleaner.clean(service), Utf16Cleaner.clean(environment));
  }
}
