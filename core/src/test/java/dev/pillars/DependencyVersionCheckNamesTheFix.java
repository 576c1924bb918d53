package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// issue 13, "Versions that cannot silently break": the check at build() reads each jar's own
// version metadata and names the Maven properties / the BOM that fix a mixed class path.
class DependencyVersionCheckNamesTheFix {

  private static final DependencyVersionCheck.Needed NEEDED =
      new DependencyVersionCheck.Needed("1.65.0", "1.8.0", "0.1.0-SNAPSHOT");

  @TempDir Path dir;

  @Test
  void springBoot35sVersionsFailWithThePropertiesAndTheBomToSet() throws IOException {
    // what spring-boot-starter-parent 3.5.7 resolves next to Pillars' own alpha artifacts
    otel("api", "1.49.0");
    otel("sdk", "1.49.0");
    otel("sdk/common", "1.49.0");
    otel("sdk/metrics", "1.49.0");
    otel("exporter/prometheus", "1.65.0-alpha");
    prometheus("prometheus-metrics-model", "1.3.10");
    prometheus("prometheus-metrics-exposition-textformats", "1.3.10");

    assertThatThrownBy(() -> DependencyVersionCheck.requireCompatible(loader(), NEEDED))
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("opentelemetry-sdk-common 1.49.0 (needs 1.65.0)")
        .hasMessageContaining("opentelemetry-api 1.49.0 (needs 1.65.0)")
        .hasMessageContaining("prometheus-metrics-model 1.3.10 (needs 1.8.0)")
        .hasMessageContaining("dev.pillars:pillars-bom:0.1.0-SNAPSHOT")
        .hasMessageContaining("<opentelemetry.version>1.65.0</opentelemetry.version>")
        .hasMessageContaining("<prometheus-client.version>1.8.0</prometheus-client.version>")
        .hasMessageNotContaining("opentelemetry-exporter-prometheus");
  }

  @Test
  void onlyPrometheusTooOldIsTheOneProblemNamed() throws IOException {
    otel("sdk/common", "1.65.0");
    otel("exporter/prometheus", "1.65.0-alpha");
    prometheus("prometheus-metrics-model", "1.4.3");

    assertThatThrownBy(() -> DependencyVersionCheck.requireCompatible(loader(), NEEDED))
        .hasMessageContaining("the class path has: prometheus-metrics-model 1.4.3 (needs 1.8.0).");
  }

  @Test
  void anAlphaArtifactBehindANewerStableSdkFails() throws IOException {
    otel("api", "1.66.0");
    otel("sdk/common", "1.66.0");
    otel("exporter/prometheus", "1.65.0-alpha");
    prometheus("prometheus-metrics-model", "1.8.0");

    assertThatThrownBy(() -> DependencyVersionCheck.requireCompatible(loader(), NEEDED))
        .hasMessageContaining(
            "opentelemetry-exporter-prometheus 1.65.0-alpha (needs 1.66.0-alpha)");
  }

  @Test
  void stableJarsThatDisagreeFail() throws IOException {
    otel("api", "1.66.0");
    otel("sdk/common", "1.65.0");
    prometheus("prometheus-metrics-model", "1.8.0");

    assertThatThrownBy(() -> DependencyVersionCheck.requireCompatible(loader(), NEEDED))
        .hasMessageContaining("opentelemetry-sdk-common 1.65.0 (the others are 1.66.0)");
  }

  @Test
  void theNeededVersionsAndNewerConsistentOnesPass() throws IOException {
    otel("api", "1.66.1");
    otel("sdk/common", "1.66.1");
    otel("exporter/prometheus", "1.66.1-alpha");
    otel("api/incubator", "1.66.1-alpha");
    prometheus("prometheus-metrics-model", "1.10.0");
    prometheus("prometheus-metrics-config", "1.10.0");

    assertThatCode(() -> DependencyVersionCheck.requireCompatible(loader(), NEEDED))
        .doesNotThrowAnyException();
  }

  @Test
  void thisBuildsClassPathPassesAndTheNeededVersionsAreFilteredIn() {
    DependencyVersionCheck.Needed needed = DependencyVersionCheck.Needed.ofThisBuild();
    assertThat(needed.openTelemetry()).isEqualTo("1.65.0");
    assertThat(needed.prometheusMetrics()).isEqualTo("1.8.0");
    assertThat(needed.pillars()).doesNotContain("${");
    assertThatCode(DependencyVersionCheck::requireCompatibleClassPath).doesNotThrowAnyException();
  }

  @Test
  void versionsCompareNumericallyIgnoringTheQualifier() {
    assertThat(DependencyVersionCheck.compare("1.10.0", "1.9.0")).isPositive();
    assertThat(DependencyVersionCheck.compare("1.65.0-alpha", "1.65.0")).isZero();
    assertThat(DependencyVersionCheck.compare("1.49.0", "1.65.0")).isNegative();
    assertThat(DependencyVersionCheck.compare("2", "1.99.99")).isPositive();
  }

  private void otel(String module, String version) throws IOException {
    write("io/opentelemetry/" + module + "/version.properties", "sdk.version=" + version + "\n");
  }

  private void prometheus(String artifact, String version) throws IOException {
    write(
        "META-INF/maven/io.prometheus/" + artifact + "/pom.properties",
        "groupId=io.prometheus\nartifactId=" + artifact + "\nversion=" + version + "\n");
  }

  private void write(String path, String content) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** Sees only the files written here, never this JVM's real jars. */
  private ClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }
}
