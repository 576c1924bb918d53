package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.pillars.Pillars;
import dev.pillars.logging.internal.BoundServiceIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 12: with {@code Pillars.builder().serviceName("h2-rag")} and the one-line include,
 * lines said {@code unknown_service:java} and had no {@code environment}.
 */
class LogLinesCarryTheIdentityOfThePillarsResource {

  private static final String CONSOLE =
      "<configuration><include resource=\"dev/pillars/logging/json-console.xml\"/>"
          + "</configuration>";

  @AfterEach
  void forgetTheBoundIdentity() {
    BoundServiceIdentity.set(null);
  }

  private static Pillars startPillars() {
    return Pillars.builder()
        .serviceName("h2-rag")
        .environment("staging")
        .prometheusEndpoint(false)
        .registerGlobal(false)
        .runtimeMetrics(false)
        .shutdownHook(false)
        .build();
  }

  private static LoggerContext configure(String xml) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    context.putProperty("PILLARS_LOG_JUL_BRIDGE", "false");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return context;
  }

  private interface Action {
    void run() throws Exception;
  }

  private static List<JsonNode> stdoutLines(Action action) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8).lines().map(StrictJson::parse).toList();
  }

  @Test
  void logbackFirstThenPillars() throws Exception {
    List<JsonNode> lines =
        stdoutLines(
            () -> {
              LoggerContext context = configure(CONSOLE);
              try (Pillars pillars = startPillars()) {
                context.getLogger("app").info("after start");
              } finally {
                context.stop();
              }
            });
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("service").asString()).isEqualTo("h2-rag");
    assertThat(lines.get(0).get("environment").asString()).isEqualTo("staging");
  }

  @Test
  void pillarsFirstThenLogback() throws Exception {
    List<JsonNode> lines =
        stdoutLines(
            () -> {
              try (Pillars pillars = startPillars()) {
                LoggerContext context = configure(CONSOLE);
                context.getLogger("app").info("configured later");
                context.stop();
              }
            });
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("service").asString()).isEqualTo("h2-rag");
    assertThat(lines.get(0).get("environment").asString()).isEqualTo("staging");
  }

  @Test
  void lokiLabelsFollowTheResourceToo() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      LoggerContext context =
          configure(
              "<configuration><property name=\"PILLARS_LOKI_URL\" value=\""
                  + loki.url()
                  + "\"/>"
                  + "<property name=\"PILLARS_LOKI_BATCH_TIMEOUT_MS\" value=\"100\"/>"
                  + "<include resource=\"dev/pillars/logging/loki.xml\"/></configuration>");
      try (Pillars pillars = startPillars()) {
        context.getLogger("app").warn("to loki");
        assertThat(LokiReceiver.await(Duration.ofSeconds(10), () -> loki.entries().size() == 1))
            .isTrue();
      } finally {
        context.stop();
      }
      LokiReceiver.Entry entry = loki.entries().get(0);
      assertThat(entry.labels())
          .containsEntry("service", "h2-rag")
          .containsEntry("environment", "staging");
      assertThat(entry.json().get("service").asString()).isEqualTo("h2-rag");
    }
  }

  @Test
  void anExplicitEncoderSettingStillWins() throws Exception {
    List<JsonNode> lines =
        stdoutLines(
            () -> {
              LoggerContext context =
                  configure(
                      "<configuration><appender name=\"J\""
                          + " class=\"ch.qos.logback.core.ConsoleAppender\"><encoder"
                          + " class=\"dev.pillars.logging.json.PillarsJsonEncoder\">"
                          + "<serviceName>billing</serviceName></encoder></appender>"
                          + "<root level=\"INFO\"><appender-ref ref=\"J\"/></root>"
                          + "</configuration>");
              try (Pillars pillars = startPillars()) {
                context.getLogger("app").info("explicit");
              } finally {
                context.stop();
              }
            });
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0).get("service").asString()).isEqualTo("billing");
    assertThat(lines.get(0).get("environment").asString()).isEqualTo("staging");
  }
}
