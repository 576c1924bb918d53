package dev.pillars;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Objects;

/**
 * Who the process is: the {@code service.name}, {@code service.version} and
 * {@code deployment.environment.name} resource attributes that every pillar stamps on what it emits.
 *
 * <p>{@link #fromEnvironment()} reads them the way the OpenTelemetry SDK does
 * ({@code OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES} and their {@code otel.*} system
 * properties), so logs that are configured before {@link Pillars} starts agree with its metrics
 * and spans.
 *
 * @param serviceName the service name, never blank ({@code unknown_service:java} when unset)
 * @param serviceVersion the service version, or {@code ""} when unknown
 * @param environment the deployment environment, or {@code ""} when unknown
 */
public record ServiceIdentity(String serviceName, String serviceVersion, String environment) {

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  static final AttributeKey<String> SERVICE_VERSION = AttributeKey.stringKey("service.version");
  static final AttributeKey<String> ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment.name");
  /** The pre-1.27 semantic-convention key, still set by many deployments. */
  static final AttributeKey<String> LEGACY_ENVIRONMENT =
      AttributeKey.stringKey("deployment.environment");

  /** Validates the components; nulls become {@code ""}, a blank name the SDK's default. */
  public ServiceIdentity {
    serviceName = serviceName == null || serviceName.isBlank() ? "unknown_service:java" : serviceName;
    serviceVersion = Objects.requireNonNullElse(serviceVersion, "");
    environment = Objects.requireNonNullElse(environment, "");
  }

  /** Reads the identity from the standard OpenTelemetry environment variables and properties. */
  public static ServiceIdentity fromEnvironment() {
    return fromResource(ResourceConfiguration.createEnvironmentResource());
  }

  /** Reads the identity from an OpenTelemetry resource. */
  public static ServiceIdentity fromResource(Resource resource) {
    Objects.requireNonNull(resource, "resource");
    String env = resource.getAttribute(ENVIRONMENT);
    if (env == null) {
      env = resource.getAttribute(LEGACY_ENVIRONMENT);
    }
    return new ServiceIdentity(
        resource.getAttribute(SERVICE_NAME), resource.getAttribute(SERVICE_VERSION), env);
  }
}
