package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.examples.stack.ComposeServices.BindMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeServicesHaveTheirConfigFilesInTheRepo {

  private final ComposeServices compose = new ComposeServices();

  @Test
  void theStackHasEveryPillarsBackend() {
    assertThat(compose.all())
        .containsOnlyKeys("demo", "otel-collector", "prometheus", "tempo", "loki", "grafana");
  }

  @Test
  void everyBindMountedSourceExists() {
    compose
        .all()
        .keySet()
        .forEach(
            service ->
                compose
                    .bindMounts(service)
                    .forEach(
                        m ->
                            assertThat(Files.exists(m.source()))
                                .as("%s mounts %s, which must be in the repo", service, m.source())
                                .isTrue()));
  }

  @Test
  void everyConfigFileFlagPointsAtAMountedRepoFile() {
    Map<String, String> flags =
        Map.of(
            "otel-collector", "config",
            "prometheus", "config.file",
            "tempo", "config.file",
            "loki", "config.file");
    flags.forEach(
        (service, flag) -> {
          String target =
              compose
                  .flag(service, flag)
                  .orElseThrow(() -> new AssertionError(service + " has no --" + flag));
          Path source = sourceOf(service, target);
          assertThat(source).as("%s's config %s", service, target).isRegularFile();
        });
    assertThat(sourceOf("otel-collector", "/etc/otelcol-contrib/config.yaml"))
        .isEqualTo(StackFiles.OTEL_CONFIG);
    assertThat(sourceOf("prometheus", "/etc/prometheus/prometheus.yml"))
        .isEqualTo(StackFiles.PROMETHEUS);
  }

  @Test
  void prometheusRuleFilesGlobMatchesTheShippedRules() {
    List<Object> ruleFiles = list(StackFiles.load(StackFiles.PROMETHEUS), "rule_files");
    assertThat(ruleFiles).containsExactly("/etc/prometheus/rules/*.yml");
    assertThat(sourceOf("prometheus", "/etc/prometheus/rules")).isEqualTo(StackFiles.RULES);
    assertThat(StackFiles.files(StackFiles.RULES, ".yml"))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("api-alerts.yml", "rag-alerts.yml");
  }

  @Test
  void grafanaGetsItsProvisioningAndTheDashboards() {
    assertThat(sourceOf("grafana", "/etc/grafana/provisioning"))
        .isEqualTo(StackFiles.STACK.resolve("grafana/provisioning"));
    assertThat(StackFiles.DATASOURCES).isRegularFile();
    Object path =
        StackFiles.at(
            list(
                    StackFiles.load(
                        StackFiles.STACK.resolve("grafana/provisioning/dashboards/dashboards.yml")),
                    "providers")
                .get(0),
            "options",
            "path");
    assertThat(sourceOf("grafana", String.valueOf(path))).isEqualTo(StackFiles.DASHBOARDS);
    assertThat(StackFiles.files(StackFiles.DASHBOARDS, ".json")).hasSize(2);
  }

  @Test
  void theDemoIsBuiltFromThisRepository() {
    Object context = StackFiles.at(compose.all(), "demo", "build", "context");
    Object dockerfile = StackFiles.at(compose.all(), "demo", "build", "dockerfile");
    Path root = StackFiles.STACK.resolve(String.valueOf(context)).normalize();
    assertThat(root).isEqualTo(StackFiles.REPO);
    assertThat(root.resolve(String.valueOf(dockerfile))).isRegularFile();
    assertThat(root.resolve("examples/src/main/java/dev/pillars/examples/RagDemoService.java"))
        .as("the Dockerfile's entry point")
        .isRegularFile();
  }

  private Path sourceOf(String service, String target) {
    return compose.bindMounts(service).stream()
        .filter(m -> m.target().equals(target))
        .map(BindMount::source)
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + " mounts nothing at " + target));
  }
}
