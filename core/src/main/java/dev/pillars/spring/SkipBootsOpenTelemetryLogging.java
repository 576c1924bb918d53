package dev.pillars.spring;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves out Spring Boot's OpenTelemetry logging auto-configuration while Pillars is on. Its {@code
 * SdkLoggerProvider} backs off for Pillars' bean, but its {@code BatchLogRecordProcessor} does not:
 * Boot 3.5 would start a log processor (and its worker thread) that nothing feeds. Pillars' logs go
 * through Logback, and OTLP logs, when wanted, through Pillars' own SDK ({@code
 * OTEL_LOGS_EXPORTER}).
 *
 * <p>Registered in {@code META-INF/spring.factories}; not for direct use.
 */
public final class SkipBootsOpenTelemetryLogging
    implements AutoConfigurationImportFilter, EnvironmentAware {

  static final Set<String> SKIPPED =
      Set.of(
          "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration");

  private Environment environment;

  /** Created by Spring Boot from {@code spring.factories}. */
  public SkipBootsOpenTelemetryLogging() {}

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
    boolean pillars =
        environment == null || environment.getProperty("pillars.enabled", Boolean.class, true);
    boolean[] keep = new boolean[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      keep[i] = !(pillars && candidates[i] != null && SKIPPED.contains(candidates[i]));
    }
    return keep;
  }
}
