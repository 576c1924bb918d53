package dev.pillars.spring;

import dev.pillars.Pillars;
import io.micrometer.core.instrument.config.MeterFilter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code pillars.prometheus.endpoint=actuator} (the default): Pillars' series at {@code
 * /actuator/prometheus}, and no other Prometheus endpoint.
 *
 * <ul>
 *   <li>With micrometer-registry-prometheus (Boot's {@code PrometheusRegistry} bean), Pillars'
 *       series are added to Boot's scrape. Micrometer's {@code jvm.*} meters are then denied while
 *       Pillars' runtime metrics are on: both sides publish {@code jvm_memory_committed_bytes} and
 *       friends with different units and labels, and one scrape cannot hold both ("Cannot merge
 *       snapshots: conflicting unit"). Pillars' {@code jvm_*} (OpenTelemetry's runtime conventions,
 *       as documented in the README) are the ones kept.
 *   <li>Without it, Pillars contributes the {@code prometheus} actuator endpoint itself ({@link
 *       PillarsScrapeEndpoint}).
 * </ul>
 *
 * Expose it as any actuator endpoint: {@code
 * management.endpoints.web.exposure.include=health,prometheus}.
 */
@AutoConfiguration(
    after = PillarsAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.export.prometheus.PrometheusMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(name = PillarsAutoConfiguration.ACTUATOR_ENDPOINT_CLASS)
@ConditionalOnBean(Pillars.class)
@ConditionalOnProperty(
    prefix = "pillars.prometheus",
    name = "endpoint",
    havingValue = "actuator",
    matchIfMissing = true)
public class PillarsPrometheusAutoConfiguration {

  /** Created by Spring. */
  public PillarsPrometheusAutoConfiguration() {}

  /** Boot's Prometheus registry exists: Pillars' series join its scrape. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(PrometheusRegistry.class)
  static class IntoBootsRegistry {

    @Bean
    PillarsSeriesInBootsScrape pillarsSeriesInBootsScrape(
        Pillars pillars, PrometheusRegistry bootsRegistry) {
      return new PillarsSeriesInBootsScrape(pillars, bootsRegistry);
    }

    /** Micrometer's JVM meters, denied while Pillars' own runtime metrics are on. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.config.MeterFilter")
    @ConditionalOnProperty(
        prefix = "pillars",
        name = "runtime-metrics",
        havingValue = "true",
        matchIfMissing = true)
    static class PillarsOwnsJvmMetrics {
      @Bean
      MeterFilter pillarsOwnsJvmMetrics() {
        return MeterFilter.denyNameStartsWith("jvm.");
      }
    }
  }

  /** No Prometheus registry in Boot: Pillars serves {@code /actuator/prometheus} itself. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(PrometheusRegistry.class)
  static class OwnEndpoint {
    @Bean
    @ConditionalOnMissingBean
    PillarsScrapeEndpoint pillarsScrapeEndpoint(Pillars pillars) {
      return new PillarsScrapeEndpoint(pillars);
    }
  }

  /** Registers Pillars' registry as one collector of Boot's, and removes it on close. */
  static final class PillarsSeriesInBootsScrape implements DisposableBean {
    private final PrometheusRegistry bootsRegistry;
    private final MultiCollector collector;

    PillarsSeriesInBootsScrape(Pillars pillars, PrometheusRegistry bootsRegistry) {
      this.bootsRegistry = bootsRegistry;
      PrometheusRegistry ours = pillars.prometheusRegistry();
      this.collector = ours::scrape;
      bootsRegistry.register(collector);
    }

    @Override
    public void destroy() {
      bootsRegistry.unregister(collector);
    }
  }
}
