package dev.pillars.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.MetricType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Names are a contract: each metric this module adds is a row of both README name tables. */
class ReadmesListTheModulesMetrics {

  @Test
  void everyDefinitionIsARowOfTheRootAndTheModuleReadme() throws IOException {
    String root = Files.readString(Path.of("..", "..", "README.md"));
    String module = Files.readString(Path.of("README.md"));
    assertThat(LangChain4jMetrics.definitions()).isNotEmpty();
    for (MetricDefinition d : LangChain4jMetrics.definitions()) {
      assertThat(d.type()).isEqualTo(MetricType.COUNTER);
      String name = "`" + d.name().replace('.', '_') + "_total`";
      assertThat(root.lines().filter(l -> l.startsWith("| " + name)))
          .as(name + " in README.md")
          .hasSize(1);
      assertThat(module.lines().filter(l -> l.startsWith("| " + name)))
          .as(name + " in the module README")
          .hasSize(1);
    }
  }
}
