package dev.pillars.spring;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Makes {@code pillars.service-name}, else {@code spring.application.name}, the service name of
 * every pillar, logs included: before Spring Boot configures Logback (its logging listener runs at
 * {@code HIGHEST_PRECEDENCE + 20}), it sets the {@code otel.service.name} system property that the
 * OpenTelemetry SDK and Pillars' log encoder read. A name the user already gave through {@code
 * OTEL_SERVICE_NAME}, {@code -Dotel.service.name} or {@code service.name} in {@code
 * OTEL_RESOURCE_ATTRIBUTES} is left alone, unless {@code pillars.service-name} is set. (Spring Boot
 * itself publishes its logging settings as system properties the same way.)
 *
 * <p>Registered in {@code META-INF/spring.factories}; not for direct use.
 */
public final class ServiceNameFromSpring implements GenericApplicationListener {

  static final String SERVICE_NAME = "otel.service.name";

  /** What this listener set last, so a later application in the same JVM may replace it. */
  private static volatile String nameWeSet;

  /** Created by Spring Boot from {@code spring.factories}. */
  public ServiceNameFromSpring() {}

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    Class<?> type = eventType.toClass();
    return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type);
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (!(event instanceof ApplicationEnvironmentPreparedEvent prepared)) {
      return;
    }
    Environment environment = prepared.getEnvironment();
    if (!environment.getProperty("pillars.enabled", Boolean.class, true)) {
      return;
    }
    String name = serviceName(environment);
    String current = System.getProperty(SERVICE_NAME);
    if (name != null) {
      System.setProperty(SERVICE_NAME, name);
      nameWeSet = name;
    } else if (current != null && current.equals(nameWeSet)) {
      System.clearProperty(SERVICE_NAME);
      nameWeSet = null;
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 19;
  }

  /**
   * The service name the application should carry, or null to leave the OpenTelemetry
   * configuration's own (an explicit {@code OTEL_SERVICE_NAME}, say) in place.
   */
  static String serviceName(Environment environment) {
    String explicit = environment.getProperty("pillars.service-name");
    if (hasText(explicit)) {
      return explicit.trim();
    }
    String property = System.getProperty(SERVICE_NAME);
    if (hasText(property) && !property.equals(nameWeSet)) {
      return null;
    }
    if (hasText(System.getenv("OTEL_SERVICE_NAME"))
        || namesService(System.getProperty("otel.resource.attributes"))
        || namesService(System.getenv("OTEL_RESOURCE_ATTRIBUTES"))) {
      return null;
    }
    String application = environment.getProperty("spring.application.name");
    return hasText(application) ? application.trim() : null;
  }

  private static boolean namesService(String resourceAttributes) {
    if (resourceAttributes == null) {
      return false;
    }
    for (String pair : resourceAttributes.split(",")) {
      if (pair.trim().startsWith("service.name=")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasText(String s) {
    return s != null && !s.isBlank();
  }
}
