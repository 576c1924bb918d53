package dev.pillars.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pillars.*} properties of a Spring Boot application. They sit beside the standard
 * {@code OTEL_*} variables, which Pillars keeps reading; a property set here wins over them.
 *
 * <pre>
 * pillars.service-name=rag-api                 # default: OTEL_SERVICE_NAME, then spring.application.name
 * pillars.environment=production
 * pillars.prometheus.endpoint=actuator          # actuator (default) | port | none
 * pillars.prometheus.port=9464                  # with endpoint=port
 * pillars.otel.exporter.otlp.endpoint=http://collector:4317   # any otel.* property
 * </pre>
 */
@ConfigurationProperties(prefix = "pillars")
public class PillarsProperties {

  /** Where Prometheus scrapes Pillars' series. */
  public enum PrometheusEndpoint {
    /**
     * {@code /actuator/prometheus}: merged into Boot's when micrometer-registry-prometheus is
     * there, else served by Pillars' own actuator endpoint; Pillars' port stays closed. Falls back
     * to {@link #PORT} when Spring Boot Actuator is absent.
     */
    ACTUATOR,
    /**
     * Pillars' own listener ({@code pillars.prometheus.host}/{@code port}, default 127.0.0.1:9464).
     */
    PORT,
    /** No endpoint; {@code Pillars.metricsText()} still works. */
    NONE
  }

  private boolean enabled = true;
  private String serviceName;
  private String environment;
  private Boolean runtimeMetrics;
  private Integer cardinalityLimit;
  private Duration shutdownTimeout;
  private final Prometheus prometheus = new Prometheus();
  private final Map<String, String> otel = new LinkedHashMap<>();

  /** Whether the auto-configuration creates Pillars at all; default true. */
  public boolean isEnabled() {
    return enabled;
  }

  /** See {@link #isEnabled()}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * {@code service.name}; default {@code OTEL_SERVICE_NAME}, then {@code spring.application.name}.
   */
  public String getServiceName() {
    return serviceName;
  }

  /** See {@link #getServiceName()}. */
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  /** {@code deployment.environment.name}: production, staging... */
  public String getEnvironment() {
    return environment;
  }

  /** See {@link #getEnvironment()}. */
  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  /** JVM runtime metrics; default true ({@code PILLARS_RUNTIME_METRICS_ENABLED}). */
  public Boolean getRuntimeMetrics() {
    return runtimeMetrics;
  }

  /** See {@link #getRuntimeMetrics()}. */
  public void setRuntimeMetrics(Boolean runtimeMetrics) {
    this.runtimeMetrics = runtimeMetrics;
  }

  /** Series limit of metrics that set none; default 500. */
  public Integer getCardinalityLimit() {
    return cardinalityLimit;
  }

  /** See {@link #getCardinalityLimit()}. */
  public void setCardinalityLimit(Integer cardinalityLimit) {
    this.cardinalityLimit = cardinalityLimit;
  }

  /** The longest the context's close waits for exporters to flush; default 10 s. */
  public Duration getShutdownTimeout() {
    return shutdownTimeout;
  }

  /** See {@link #getShutdownTimeout()}. */
  public void setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = shutdownTimeout;
  }

  /** The Prometheus endpoint settings. */
  public Prometheus getPrometheus() {
    return prometheus;
  }

  /**
   * Any OpenTelemetry property by its name after {@code otel.}: {@code
   * pillars.otel.traces.sampler=parentbased_traceidratio} sets {@code otel.traces.sampler}.
   */
  public Map<String, String> getOtel() {
    return otel;
  }

  /** {@code pillars.prometheus.*}. */
  public static class Prometheus {
    private PrometheusEndpoint endpoint = PrometheusEndpoint.ACTUATOR;
    private String host;
    private Integer port;

    /** Where Prometheus scrapes; default {@link PrometheusEndpoint#ACTUATOR}. */
    public PrometheusEndpoint getEndpoint() {
      return endpoint;
    }

    /** See {@link #getEndpoint()}. */
    public void setEndpoint(PrometheusEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    /** Interface of Pillars' own listener (endpoint=port); default 127.0.0.1. */
    public String getHost() {
      return host;
    }

    /** See {@link #getHost()}. */
    public void setHost(String host) {
      this.host = host;
    }

    /** Port of Pillars' own listener (endpoint=port); default 9464, 0 picks a free one. */
    public Integer getPort() {
      return port;
    }

    /** See {@link #getPort()}. */
    public void setPort(Integer port) {
      this.port = port;
    }
  }
}
