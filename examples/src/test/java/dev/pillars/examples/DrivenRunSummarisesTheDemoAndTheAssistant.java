package dev.pillars.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's demo command, in process: a short driven run prints the traffic summary and then the
 * LangChain4j assistant's line, read back from what Pillars recorded for its calls (issue 12: "the
 * demo's summary shows its calls").
 */
class DrivenRunSummarisesTheDemoAndTheAssistant {

  @Test
  void aDrivenRunEndsWithTheAssistantsRecordedCalls() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code =
          RagDemoService.run(
              DemoOptions.parse(
                      new String[] {"--port", "0", "--drive", "2s", "--latency-scale", "0.05"})
                  .orElseThrow(),
              out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed).contains("Drove ", "by model", "time to first chunk p50");
    // three answers, each priced (the bundled table has gpt-4.1-mini) and its retrieval scored
    assertThat(printed)
        .containsPattern(
            "langchain4j 3 answers from an AI service \\(weather tool, travel retriever\\) through"
                + " LangChain4j's OpenAI client: gpt-4\\.1-mini \\$0\\.000[1-9]\\d*,"
                + " [1-9]\\d* relevance scores, 0 HTTP retries");
  }
}
