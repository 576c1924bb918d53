package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.status.Status;
import dev.pillars.logging.json.TraceCapturingAsyncAppender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadyMadeConfigurationsWorkWithOneInclude {

  private static LoggerContext configure(String xml) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .filteredOn(s -> s.getLevel() >= Status.WARN)
        // Configuring from a stream (not a file) leaves Logback nothing to watch; harmless.
        .filteredOn(s -> !s.getMessage().startsWith("Null ConfigurationWatchList"))
        .isEmpty();
    return context;
  }

  private static String captureStdout(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theConsoleIncludeWritesStrictJsonLinesToStdout() throws Exception {
    String out =
        captureStdout(
            () -> {
              try {
                LoggerContext context =
                    configure(
                        "<configuration><include"
                            + " resource=\"dev/pillars/logging/json-console.xml\"/>"
                            + "</configuration>");
                context.getLogger("app").info("hello from the include");
                context.stop();
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertThat(out.lines().toList()).hasSize(1);
    assertThat(StrictJson.parse(out.lines().findFirst().orElseThrow()).get("message").asString())
        .isEqualTo("hello from the include");
  }

  @Test
  void theAsyncIncludeWiresTheCapturingNonBlockingAppender() throws Exception {
    LoggerContext context =
        configure(
            "<configuration><include resource=\"dev/pillars/logging/json-console-async.xml\"/>"
                + "</configuration>");
    Appender<?> async = context.getLogger("ROOT").getAppender("PILLARS_ASYNC");
    assertThat(async).isInstanceOf(TraceCapturingAsyncAppender.class);
    assertThat(((TraceCapturingAsyncAppender) async).isNeverBlock()).isTrue();
    assertThat(((TraceCapturingAsyncAppender) async).getDiscardingThreshold()).isZero();
    context.stop();
  }

  @Test
  void theLokiIncludePushesToTheConfiguredUrl() throws Exception {
    try (LokiReceiver loki = new LokiReceiver()) {
      System.setProperty("PILLARS_LOKI_URL", loki.url());
      System.setProperty("PILLARS_LOKI_BATCH_TIMEOUT_MS", "100");
      try {
        LoggerContext context =
            configure(
                "<configuration><include resource=\"dev/pillars/logging/loki.xml\"/>"
                    + "</configuration>");
        context.getLogger("app").warn("to loki");
        assertThat(LokiReceiver.await(Duration.ofSeconds(10), () -> loki.entries().size() == 1))
            .isTrue();
        assertThat(loki.entries().get(0).labels())
            .containsEntry("level", "WARN")
            .containsKey("service");
        context.stop();
      } finally {
        System.clearProperty("PILLARS_LOKI_URL");
        System.clearProperty("PILLARS_LOKI_BATCH_TIMEOUT_MS");
      }
    }
  }
}
