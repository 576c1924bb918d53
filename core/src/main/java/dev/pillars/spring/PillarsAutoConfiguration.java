package dev.pillars.spring;

import dev.pillars.Pillars;
import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Creates the application's {@link Pillars} from {@code pillars.*} properties and the {@code
 * OTEL_*} environment, closed by the application context (Pillars' own JVM shutdown hook is off:
 * Spring Boot's closes the context). Pillars' SDK is the {@code OpenTelemetry} bean, and its
 * resource and logger provider are beans too, so Spring Boot's OpenTelemetry auto-configuration
 * (3.5: actuator's; 4.0: {@code spring-boot-opentelemetry}) backs off instead of building a second
 * SDK.
 *
 * <p>Set {@code pillars.enabled=false} to turn it off; define your own {@code Pillars} bean to
 * replace it, or a {@link PillarsBuilderCustomizer} to adjust it.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration",
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
      "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "pillars", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PillarsProperties.class)
public class PillarsAutoConfiguration {

  static final String ACTUATOR_ENDPOINT_CLASS =
      "org.springframework.boot.actuate.endpoint.annotation.Endpoint";
  private static final Logger LOGGER = LoggerFactory.getLogger(PillarsAutoConfiguration.class);

  /** Created by Spring. */
  public PillarsAutoConfiguration() {}

  /** Pillars, built once and closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Pillars pillars(
      PillarsProperties properties,
      Environment environment,
      ObjectProvider<PillarsBuilderCustomizer> customizers) {
    Pillars.Builder builder = Pillars.builder().shutdownHook(false);
    properties.getOtel().forEach((key, value) -> builder.property("otel." + key, value));
    String name = ServiceNameFromSpring.serviceName(environment);
    if (name != null) {
      builder.serviceName(name);
    }
    if (properties.getEnvironment() != null && !properties.getEnvironment().isBlank()) {
      builder.environment(properties.getEnvironment());
    }
    if (properties.getRuntimeMetrics() != null) {
      builder.runtimeMetrics(properties.getRuntimeMetrics());
    }
    if (properties.getCardinalityLimit() != null) {
      builder.cardinalityLimit(properties.getCardinalityLimit());
    }
    if (properties.getShutdownTimeout() != null) {
      builder.shutdownTimeout(properties.getShutdownTimeout());
    }
    PillarsProperties.Prometheus prometheus = properties.getPrometheus();
    switch (effectiveEndpoint(prometheus.getEndpoint(), environment)) {
      case PORT -> {
        builder.prometheusEndpoint(true);
        if (prometheus.getHost() != null) {
          builder.prometheusHost(prometheus.getHost());
        }
        if (prometheus.getPort() != null) {
          builder.prometheusPort(prometheus.getPort());
        }
      }
      case ACTUATOR, NONE -> builder.prometheusEndpoint(false);
    }
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  /** Pillars' SDK as the application's OpenTelemetry; closed by {@link Pillars}, not by Spring. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(OpenTelemetry.class)
  public OpenTelemetry openTelemetry(Pillars pillars) {
    return pillars.openTelemetry();
  }

  /** The resource every signal carries, so Boot builds no other. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(Resource.class)
  public Resource pillarsResource(Pillars pillars) {
    return pillars.resource();
  }

  /**
   * Pillars' logger provider (its logs go through Logback; OTLP logs only when {@code
   * OTEL_LOGS_EXPORTER} says so), so Boot builds no second one.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(SdkLoggerProvider.class)
  public SdkLoggerProvider pillarsLoggerProvider(Pillars pillars) {
    OpenTelemetry otel = pillars.openTelemetry();
    return otel instanceof OpenTelemetrySdk sdk
        ? sdk.getSdkLoggerProvider()
        : SdkLoggerProvider.builder().build();
  }

  /** The metrics facade. */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  public Metrics pillarsMetrics(Pillars pillars) {
    return pillars.metrics();
  }

  /** ACTUATOR becomes PORT when Spring Boot Actuator is not on the class path. */
  static PillarsProperties.PrometheusEndpoint effectiveEndpoint(
      PillarsProperties.PrometheusEndpoint chosen, Environment environment) {
    if (chosen == PillarsProperties.PrometheusEndpoint.ACTUATOR
        && !ClassUtils.isPresent(
            ACTUATOR_ENDPOINT_CLASS, PillarsAutoConfiguration.class.getClassLoader())) {
      LOGGER.info(
          "Pillars: Spring Boot Actuator is not on the class path; serving /metrics on Pillars'"
              + " own port (pillars.prometheus.endpoint=port)");
      return PillarsProperties.PrometheusEndpoint.PORT;
    }
    return chosen;
  }
}
