package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.at;
import static dev.pillars.examples.stack.StackFiles.list;
import static dev.pillars.examples.stack.StackFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectorPipelinesNameDefinedComponents {

  private final Map<String, Object> config = StackFiles.load(StackFiles.OTEL_CONFIG);

  @Test
  void everyPipelineComponentIsDefinedAndEveryDefinedComponentIsUsed() {
    Map<String, Object> pipelines = map(config, "service", "pipelines");
    assertThat(pipelines).containsOnlyKeys("metrics", "traces", "logs");
    for (String section : List.of("receivers", "processors", "exporters")) {
      Set<String> defined = map(config, section).keySet();
      Set<String> used = new HashSet<>();
      pipelines.forEach(
          (name, pipeline) -> {
            List<Object> named = list(pipeline, section);
            assertThat(named).as("%s of pipeline %s", section, name).isNotEmpty();
            named.forEach(c -> used.add((String) c));
          });
      assertThat(defined).as("%s defined", section).containsAll(used);
      assertThat(used).as("%s used by some pipeline", section).containsAll(defined);
    }
    assertThat(list(config, "service", "extensions")).containsExactly("health_check");
    assertThat(map(config, "extensions")).containsOnlyKeys("health_check");
  }

  @Test
  void memoryLimiterComesFirstAndBatchLastInEveryPipeline() {
    map(config, "service", "pipelines")
        .forEach(
            (name, pipeline) ->
                assertThat(list(pipeline, "processors"))
                    .as("processors of %s", name)
                    .containsExactly("memory_limiter", "batch"));
  }

  @Test
  void eachSignalGoesWhereTheStackExpectsIt() {
    assertThat(list(config, "service", "pipelines", "metrics", "exporters"))
        .containsExactly("prometheus");
    assertThat(list(config, "service", "pipelines", "traces", "exporters"))
        .containsExactly("otlp/tempo");
    assertThat(list(config, "service", "pipelines", "logs", "exporters"))
        .containsExactly("otlphttp/loki");
    assertThat(at(config, "exporters", "otlphttp/loki", "endpoint"))
        .as("Loki takes OTLP under /otlp")
        .asString()
        .endsWith("/otlp");
    assertThat(at(config, "receivers", "otlp", "protocols", "grpc", "endpoint"))
        .isEqualTo("0.0.0.0:4317");
    assertThat(at(config, "receivers", "otlp", "protocols", "http", "endpoint"))
        .isEqualTo("0.0.0.0:4318");
  }
}
