package dev.pillars.kit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.util.Objects;

/**
 * Internal, not for public use. Who the process is: the {@code service.name}, {@code
 * service.version} and {@code deployment.environment.name} resource attributes that every pillar
 * stamps on what it emits.
 *
 * <p>Read them from an SDK's resource with {@link #fromResource(Attributes)}; before an SDK exists,
 * from the environment's resource as the OpenTelemetry SDK builds it ({@code
 * ResourceConfiguration.createEnvironmentResource().getAttributes()} of the autoconfigure module,
 * which reads {@code OTEL_SERVICE_NAME} and {@code OTEL_RESOURCE_ATTRIBUTES}).
 *
 * @param serviceName the service name, never blank ({@code unknown_service:java} when unset)
 * @param serviceVersion the service version, or {@code ""} when unknown
 * @param environment the deployment environment, or {@code ""} when unknown
 */
public record ServiceIdentity(String serviceName, String serviceVersion, String environment) {

  /** {@code service.name}. */
  public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** {@code service.version}. */
  public static final AttributeKey<String> SERVICE_VERSION =
      AttributeKey.stringKey("service.version");

  /** {@code deployment.environment.name}. */
  public static final AttributeKey<String> ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");

  /** The pre-1.27 semantic-convention key, still set by many deployments. */
  public static final AttributeKey<String> LEGACY_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment");

  /** Validates the components; nulls become {@code ""}, a blank name the SDK's default. */
  public ServiceIdentity {
    serviceName =
        serviceName == null || serviceName.isBlank() ? "unknown_service:java" : serviceName;
    serviceVersion = Objects.requireNonNullElse(serviceVersion, "");
    environment = Objects.requireNonNullElse(environment, "");
  }

  /**
   * Reads the identity from the attributes of an OpenTelemetry resource.
   *
   * @param resource the resource's attributes
   * @return the identity they name
   */
  public static ServiceIdentity fromResource(Attributes resource) {
    Objects.requireNonNull(resource, "resource");
    String env = resource.get(ENVIRONMENT);
    if (env == null) {
      env = resource.get(LEGACY_ENVIRONMENT);
    }
    return new ServiceIdentity(resource.get(SERVICE_NAME), resource.get(SERVICE_VERSION), env);
  }
}
