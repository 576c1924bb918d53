package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.at;
import static dev.pillars.examples.stack.StackFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped alert rules, checked and unit-tested by the real promtool. */
class AlertRulesPassPromtool {

  @Test
  void promtoolCheckRulesAcceptsEveryRuleFile() throws Exception {
    List<Path> files = StackFiles.files(StackFiles.RULES, ".yml");
    assertThat(files).hasSize(2);
    for (Path f : files) {
      Promtool.Result r =
          Promtool.run(StackFiles.RULES, Duration.ofSeconds(30), "check", "rules", f.toString());
      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("SUCCESS");
    }
  }

  @Test
  void promtoolTestRulesPassesEveryUnitTestFile() throws Exception {
    List<Path> tests = StackFiles.files(StackFiles.RULE_TESTS, ".test.yml");
    assertThat(tests).hasSize(2);
    for (Path t : tests) {
      Promtool.Result r =
          Promtool.run(
              StackFiles.RULE_TESTS, Duration.ofSeconds(60), "test", "rules", t.toString());
      assertThat(r.exitCode()).as("%s:%n%s", t.getFileName(), r.output()).isZero();
      assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED");
    }
  }

  @Test
  void everyAlertHasAUnitTestThatExpectsItToFire() {
    Set<String> alerts = new HashSet<>();
    PromQlExpression.alertRules().forEach(e -> alerts.add(e.origin().replaceFirst("^.*: ", "")));
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "HighQueryLatency",
            "HighErrorRate",
            "LowCacheHitRate",
            "HighCostBurn",
            "RateLimitWarning",
            "HighHttpErrorRate",
            "SlowResponses");

    Set<String> firedInTests = new HashSet<>();
    Set<String> quietInTests = new HashSet<>();
    for (Path t : StackFiles.files(StackFiles.RULE_TESTS, ".test.yml")) {
      for (Object test : list(StackFiles.load(t), "tests")) {
        for (Object check : list(test, "alert_rule_test")) {
          String name = (String) at(check, "alertname");
          if (list(check, "exp_alerts").isEmpty()) {
            quietInTests.add(name);
          } else {
            firedInTests.add(name);
          }
        }
      }
    }
    assertThat(firedInTests).as("alerts a test expects to fire").isEqualTo(alerts);
    assertThat(quietInTests).as("alerts a test expects to stay quiet").isEqualTo(alerts);
  }

  @Test
  void promtoolFailsABrokenUnitTest(@TempDir Path dir) throws Exception {
    // the real rules, with a test that wrongly expects HighErrorRate at 1% errors
    Files.writeString(
        dir.resolve("broken.test.yml"),
        "rule_files: ['"
            + StackFiles.RULES.resolve("rag-alerts.yml")
            + "']\n"
            + "evaluation_interval: 1m\n"
            + "tests:\n"
            + "  - interval: 1m\n"
            + "    input_series:\n"
            + "      - series: 'rag_requests_total{operation=\"q\",status=\"success\"}'\n"
            + "        values: '0+99x20'\n"
            + "      - series: 'rag_requests_total{operation=\"q\",status=\"error\"}'\n"
            + "        values: '0+1x20'\n"
            + "    alert_rule_test:\n"
            + "      - eval_time: 10m\n"
            + "        alertname: HighErrorRate\n"
            + "        exp_alerts:\n"
            + "          - exp_labels: {severity: critical, operation: q}\n");
    Promtool.Result r =
        Promtool.run(dir, Duration.ofSeconds(30), "test", "rules", "broken.test.yml");
    assertThat(r.exitCode()).as(r.output()).isNotZero();
    assertThat(r.output()).contains("FAILED");
  }
}
