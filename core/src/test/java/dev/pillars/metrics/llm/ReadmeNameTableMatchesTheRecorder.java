package dev.pillars.metrics.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.MetricType;
import dev.pillars.metrics.StandardMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Issue 10 item 5: the README's name table says what the recorder records, buckets included. */
class ReadmeNameTableMatchesTheRecorder {

  private final String readme = read();

  private static String read() {
    try {
      return Files.readString(Path.of("..", "README.md"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyMetricOfTheRecorderIsARowOfTheNameTable() {
    for (MetricDefinition d : LlmMetrics.definitions()) {
      String name = prometheusName(d);
      assertThat(readme.lines().filter(l -> l.startsWith("| ") && l.contains("`" + name + "`")))
          .as(name + " in the README's name table")
          .isNotEmpty();
    }
    assertThat(readme).doesNotContain("llm_cost_usd_total").doesNotContain("gen_ai.system`,");
  }

  @Test
  void theGenAiRowsGiveTheBucketsTheDefinitionsUse() {
    assertThat(row("gen_ai_client_operation_duration_seconds"))
        .contains(seconds(StandardMetrics.LLM_DURATION));
    assertThat(row("gen_ai_client_operation_time_to_first_chunk_seconds"))
        .contains(seconds(LlmMetrics.TIME_TO_FIRST_CHUNK));
    assertThat(row("gen_ai_client_operation_time_per_output_chunk_seconds"))
        .contains(seconds(LlmMetrics.TIME_PER_OUTPUT_CHUNK));
    List<Double> tokens = StandardMetrics.TOKEN_USAGE.buckets();
    assertThat(row("gen_ai_client_token_usage"))
        .contains(
            String.format(
                Locale.ROOT,
                "%,d-%,d",
                tokens.get(0).longValue(),
                tokens.get(tokens.size() - 1).longValue()));
    assertThat(row("llm_cost_total")).contains("currency");
    assertThat(row("llm_errors_total")).doesNotContain("error_type");
  }

  private String row(String name) {
    return readme
        .lines()
        .filter(l -> l.startsWith("| `" + name + "`"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + name));
  }

  private static String seconds(MetricDefinition d) {
    List<Double> b = d.buckets();
    return String.format(Locale.ROOT, "%s-%s s", trim(b.get(0)), trim(b.get(b.size() - 1)));
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static String prometheusName(MetricDefinition d) {
    String n = d.name().replace('.', '_');
    if (d.unit().equals("s")) {
      n += "_seconds";
    }
    return d.type() == MetricType.COUNTER ? n + "_total" : n;
  }
}
