package dev.pillars.tracing.spring;

import dev.pillars.Pillars;
import dev.pillars.spring.PillarsAutoConfiguration;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.http.HttpServerTracing;
import dev.pillars.tracing.http.TracingServletFilter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A {@link PipelineTracing} bean over the auto-configured {@link Pillars}; in a servlet web
 * application also Pillars' {@link TracingServletFilter} (outermost, every request but the
 * actuator's), Spring MVC's patterns as {@code http.route}, and Micrometer's {@code
 * http.server.requests} meters denied, so that each request is counted once, by Pillars' {@code
 * http_server_request_duration_seconds}. {@code pillars.http.enabled=false} hands HTTP back to
 * Micrometer.
 */
@AutoConfiguration(after = PillarsAutoConfiguration.class)
@ConditionalOnBean(Pillars.class)
@EnableConfigurationProperties(PillarsHttpProperties.class)
public class PillarsTracingAutoConfiguration {

  /** Created by Spring. */
  public PillarsTracingAutoConfiguration() {}

  /** Stages and LLM-call spans over Pillars' SDK and metrics. */
  @Bean
  @ConditionalOnMissingBean
  public PipelineTracing pipelineTracing(Pillars pillars) {
    return PipelineTracing.create(pillars);
  }

  /** The servlet side: the filter, MVC routes, and Micrometer's HTTP meters off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "jakarta.servlet.Filter")
  @ConditionalOnProperty(prefix = "pillars.http", name = "enabled", matchIfMissing = true)
  static class ServletHttp {

    @Bean
    @ConditionalOnMissingBean
    HttpServerTracing pillarsHttpServerTracing(
        Pillars pillars, PillarsHttpProperties properties, Environment environment) {
      HttpServerTracing.Builder builder = HttpServerTracing.builder(pillars);
      String actuator =
          environment.getProperty("server.servlet.context-path", "")
              + environment.getProperty("management.endpoints.web.base-path", "/actuator");
      actuator = actuator.endsWith("/") ? actuator.substring(0, actuator.length() - 1) : actuator;
      if (!actuator.isEmpty()) {
        builder.exclude(actuator).exclude(actuator + "/*");
      }
      properties.getExclude().forEach(builder::exclude);
      builder.experimentalTelemetry(properties.isExperimentalTelemetry());
      return builder.build();
    }

    @Bean
    FilterRegistrationBean<TracingServletFilter> pillarsTracingFilter(HttpServerTracing http) {
      FilterRegistrationBean<TracingServletFilter> registration =
          new FilterRegistrationBean<>(new TracingServletFilter(http));
      registration.setName("pillarsTracingFilter");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }

    /** Spring MVC's matched pattern as the route. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.config.annotation.WebMvcConfigurer")
    static class MvcRoutes {
      @Bean
      WebMvcConfigurer pillarsMvcRoutes() {
        return new WebMvcConfigurer() {
          @Override
          public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new MvcRouteInterceptor());
          }
        };
      }
    }

    /** Micrometer's request meters off: Pillars' filter counts each request. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
    static class OneCountPerRequest {
      @Bean
      MeterFilter pillarsCountsHttpRequests() {
        return MeterFilter.denyNameStartsWith("http.server.requests");
      }
    }
  }
}
