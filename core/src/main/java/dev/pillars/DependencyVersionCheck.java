package dev.pillars;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Fails {@link Pillars.Builder#build()} when the OpenTelemetry or Prometheus client_java jars on
 * the class path are not the versions Pillars needs. Another dependency management (Spring Boot's
 * pins OpenTelemetry 1.49 / 1.55 and client_java 1.3 / 1.4 but not the OpenTelemetry alpha
 * artifacts) otherwise mixes versions, and the failure comes much later and far away: a {@code
 * NoClassDefFoundError} at start, or a {@code NoSuchMethodError} that kills every scrape.
 *
 * <p>Versions are read from each jar's own metadata ({@code version.properties} of the
 * OpenTelemetry modules, {@code META-INF/maven/.../pom.properties} of client_java's) without
 * loading any of their classes, so the check works even when the jars cannot link. Jars that are
 * absent are not required here (Maven's resolution says which are). Newer versions pass when they
 * agree with each other: all stable OpenTelemetry jars on one version, the alpha ones on the same
 * version with {@code -alpha}, all client_java jars on one version.
 */
final class DependencyVersionCheck {

  /** OpenTelemetry's stable modules Pillars uses, by the path of their version file. */
  private static final Map<String, String> OTEL_STABLE = new LinkedHashMap<>();

  /** OpenTelemetry's alpha modules Pillars uses. */
  private static final Map<String, String> OTEL_ALPHA = new LinkedHashMap<>();

  /** Prometheus client_java modules Pillars uses. */
  private static final List<String> PROMETHEUS =
      List.of(
          "prometheus-metrics-model",
          "prometheus-metrics-config",
          "prometheus-metrics-exposition-formats",
          "prometheus-metrics-exposition-textformats",
          "prometheus-metrics-exporter-common",
          "prometheus-metrics-exporter-httpserver");

  static {
    OTEL_STABLE.put("opentelemetry-api", "io/opentelemetry/api/version.properties");
    OTEL_STABLE.put("opentelemetry-context", "io/opentelemetry/context/version.properties");
    OTEL_STABLE.put("opentelemetry-common", "io/opentelemetry/common/version.properties");
    OTEL_STABLE.put("opentelemetry-sdk", "io/opentelemetry/sdk/version.properties");
    OTEL_STABLE.put("opentelemetry-sdk-common", "io/opentelemetry/sdk/common/version.properties");
    OTEL_STABLE.put("opentelemetry-sdk-trace", "io/opentelemetry/sdk/trace/version.properties");
    OTEL_STABLE.put("opentelemetry-sdk-metrics", "io/opentelemetry/sdk/metrics/version.properties");
    OTEL_STABLE.put("opentelemetry-sdk-logs", "io/opentelemetry/sdk/logs/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-sdk-extension-autoconfigure",
        "io/opentelemetry/sdk/autoconfigure/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-sdk-extension-autoconfigure-spi",
        "io/opentelemetry/sdk/autoconfigure/spi/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-exporter-common", "io/opentelemetry/exporter/internal/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-exporter-otlp", "io/opentelemetry/exporter/otlp/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-exporter-otlp-common",
        "io/opentelemetry/exporter/internal/otlp/version.properties");
    OTEL_STABLE.put(
        "opentelemetry-exporter-logging", "io/opentelemetry/exporter/logging/version.properties");
    OTEL_ALPHA.put(
        "opentelemetry-exporter-prometheus",
        "io/opentelemetry/exporter/prometheus/version.properties");
    OTEL_ALPHA.put(
        "opentelemetry-api-incubator", "io/opentelemetry/api/incubator/version.properties");
  }

  /**
   * The versions Pillars was built with.
   *
   * @param openTelemetry the stable OpenTelemetry version, like {@code 1.65.0}
   * @param prometheusMetrics the Prometheus client_java version, like {@code 1.8.0}
   * @param pillars Pillars' own version, for the BOM coordinates in the message
   */
  record Needed(String openTelemetry, String prometheusMetrics, String pillars) {
    Needed {
      Objects.requireNonNull(openTelemetry, "openTelemetry");
      Objects.requireNonNull(prometheusMetrics, "prometheusMetrics");
      Objects.requireNonNull(pillars, "pillars");
    }

    static Needed ofThisBuild() {
      Properties p = new Properties();
      try (InputStream in =
          DependencyVersionCheck.class.getResourceAsStream("dependency-versions.properties")) {
        if (in == null) {
          throw new IllegalStateException("dev/pillars/dependency-versions.properties is missing");
        }
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Needed(
          p.getProperty("opentelemetry"),
          p.getProperty("prometheus-metrics"),
          p.getProperty("pillars"));
    }
  }

  private DependencyVersionCheck() {}

  /** Checks the class path Pillars itself was loaded from. */
  static void requireCompatibleClassPath() {
    ClassLoader loader = DependencyVersionCheck.class.getClassLoader();
    requireCompatible(
        loader == null ? ClassLoader.getSystemClassLoader() : loader, Needed.ofThisBuild());
  }

  /**
   * Checks the jars {@code loader} sees against {@code needed}.
   *
   * @throws PillarsConfigurationException naming every jar that does not fit, and the fix
   */
  static void requireCompatible(ClassLoader loader, Needed needed) {
    List<String> problems = new ArrayList<>();
    Map<String, String> stable = read(loader, OTEL_STABLE, "sdk.version");
    Map<String, String> alpha = read(loader, OTEL_ALPHA, "sdk.version");
    Map<String, String> prometheus = new LinkedHashMap<>();
    for (String artifact : PROMETHEUS) {
      String v =
          readProperty(
              loader, "META-INF/maven/io.prometheus/" + artifact + "/pom.properties", "version");
      if (v != null) {
        prometheus.put(artifact, v);
      }
    }
    String otel = agreedVersion(stable, needed.openTelemetry(), problems);
    for (Map.Entry<String, String> e : alpha.entrySet()) {
      String expected = otel + "-alpha";
      if (!e.getValue().equals(expected)) {
        problems.add(e.getKey() + " " + e.getValue() + " (needs " + expected + ")");
      }
    }
    agreedVersion(prometheus, needed.prometheusMetrics(), problems);
    if (!problems.isEmpty()) {
      throw new PillarsConfigurationException(message(problems, needed));
    }
  }

  /**
   * The one version all {@code found} jars share when it is at least {@code minimum}; otherwise
   * adds a problem per jar that is older than {@code minimum} or differs from the rest, and returns
   * {@code minimum}.
   */
  private static String agreedVersion(
      Map<String, String> found, String minimum, List<String> problems) {
    String newest = minimum;
    for (String v : found.values()) {
      if (compare(v, newest) > 0) {
        newest = v;
      }
    }
    for (Map.Entry<String, String> e : found.entrySet()) {
      if (compare(e.getValue(), minimum) < 0) {
        problems.add(e.getKey() + " " + e.getValue() + " (needs " + minimum + ")");
      } else if (!e.getValue().equals(newest)) {
        problems.add(e.getKey() + " " + e.getValue() + " (the others are " + newest + ")");
      }
    }
    return newest;
  }

  private static String message(List<String> problems, Needed needed) {
    return "Pillars needs OpenTelemetry "
        + needed.openTelemetry()
        + " (its alpha artifacts "
        + needed.openTelemetry()
        + "-alpha) and Prometheus client_java (prometheus-metrics) "
        + needed.prometheusMetrics()
        + ", but the class path has: "
        + String.join(", ", problems)
        + ". Another dependency management chose these (Spring Boot's, usually). Fix: import"
        + " dev.pillars:pillars-bom:"
        + needed.pillars()
        + " (<type>pom</type>,"
        + " <scope>import</scope>) first in your <dependencyManagement> (it wins over the"
        + " versions of spring-boot-starter-parent too); or, under spring-boot-starter-parent,"
        + " set the Maven properties <opentelemetry.version>"
        + needed.openTelemetry()
        + "</opentelemetry.version> and <prometheus-client.version>"
        + needed.prometheusMetrics()
        + "</prometheus-client.version>.";
  }

  private static Map<String, String> read(
      ClassLoader loader, Map<String, String> files, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach(
        (artifact, path) -> {
          String v = readProperty(loader, path, key);
          if (v != null) {
            out.put(artifact, v);
          }
        });
    return out;
  }

  private static String readProperty(ClassLoader loader, String path, String key) {
    URL url = loader.getResource(path);
    if (url == null) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = url.openStream()) {
      p.load(in);
    } catch (IOException e) {
      return null;
    }
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * Compares dotted versions numerically; a qualifier ({@code -alpha}, {@code -RC1}) is ignored.
   */
  static int compare(String a, String b) {
    int[] x = numbers(a);
    int[] y = numbers(b);
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int d = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
      if (d != 0) {
        return d;
      }
    }
    return 0;
  }

  private static int[] numbers(String version) {
    int dash = version.indexOf('-');
    String[] parts = (dash < 0 ? version : version.substring(0, dash)).split("\\.");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i]);
      } catch (NumberFormatException e) {
        out[i] = 0;
      }
    }
    return out;
  }
}
