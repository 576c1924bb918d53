package dev.pillars.tracing.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pillars.http.*}: Pillars' HTTP server instrumentation in a Spring Boot servlet
 * application.
 *
 * <pre>
 * pillars.http.enabled=true             # false: Micrometer's http.server.requests count instead
 * pillars.http.exclude=/ready,/static/*  # besides the actuator's base path, always excluded
 * pillars.http.experimental-telemetry=true  # false: no active-requests or body-size metrics
 * </pre>
 */
@ConfigurationProperties(prefix = "pillars.http")
public class PillarsHttpProperties {

  private boolean enabled = true;
  private final List<String> exclude = new ArrayList<>();
  private boolean experimentalTelemetry = true;

  /**
   * Whether Pillars' filter instruments requests (spans and {@code http_server_*} metrics); default
   * true, and Micrometer's {@code http.server.requests} meters are then denied so each request is
   * counted once.
   */
  public boolean isEnabled() {
    return enabled;
  }

  /** See {@link #isEnabled()}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Paths not instrumented: exact ({@code /ready}) or prefixes ending in {@code /*}. */
  public List<String> getExclude() {
    return exclude;
  }

  /**
   * Whether the experimental HTTP metrics and span attributes are recorded besides the stable
   * duration (active requests, body sizes); default true. See {@code
   * HttpServerTracing.Builder#experimentalTelemetry(boolean)}.
   */
  public boolean isExperimentalTelemetry() {
    return experimentalTelemetry;
  }

  /** See {@link #isExperimentalTelemetry()}. */
  public void setExperimentalTelemetry(boolean experimentalTelemetry) {
    this.experimentalTelemetry = experimentalTelemetry;
  }
}
