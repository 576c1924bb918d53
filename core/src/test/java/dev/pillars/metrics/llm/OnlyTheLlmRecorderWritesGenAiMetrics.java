package dev.pillars.metrics.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 1: no second writer of the gen_ai metrics. Before, tracing's GenAiMetrics and
 * core's LlmMetrics both wrote them, and a call seen by both was counted twice. This fails as soon
 * as main code outside core's LLM package names a gen_ai metric or its definition again.
 */
class OnlyTheLlmRecorderWritesGenAiMetrics {

  private static final Pattern WRITER =
      Pattern.compile(
          "\"gen_ai[._]client[._]|StandardMetrics\\.(TOKEN_USAGE|LLM_DURATION)\\b"
              + "|LlmMetrics\\.(TIME_TO_FIRST_CHUNK|TIME_PER_OUTPUT_CHUNK)\\b");

  @Test
  void noMainSourceOutsideTheRecorderNamesAGenAiMetric() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<Path> sources;
    try (Stream<Path> modules =
        Stream.of("core", "tracing", "tracing/langchain4j", "logging", "examples")
            .map(m -> root.resolve(m).resolve("src/main/java"))
            .filter(Files::isDirectory)
            .flatMap(OnlyTheLlmRecorderWritesGenAiMetrics::javaFiles)) {
      sources = modules.toList();
    }
    assertThat(sources).as("main sources under " + root).hasSizeGreaterThan(50);
    Path recorder = root.resolve("core/src/main/java/dev/pillars/metrics/llm");
    Path catalog = root.resolve("core/src/main/java/dev/pillars/metrics/StandardMetrics.java");
    List<String> writers =
        sources.stream()
            .filter(f -> !f.startsWith(recorder) && !f.equals(catalog))
            .filter(f -> WRITER.matcher(read(f)).find())
            .map(f -> root.relativize(f).toString())
            .toList();
    assertThat(writers).as("files that name a gen_ai metric outside core's LLM recorder").isEmpty();
  }

  private static Stream<Path> javaFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
