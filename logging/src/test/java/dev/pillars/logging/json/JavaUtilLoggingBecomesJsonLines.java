package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.pillars.logging.StrictJson;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 16: the SDK's own logs (export errors, console spans) went to stderr as multi-line
 * java.util.logging text. The console includes route JUL through SLF4J; a user can opt out.
 */
class JavaUtilLoggingBecomesJsonLines {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;

  /** Configures the process-wide Logback context (the one jul-to-slf4j logs into). */
  private LoggerContext configureGlobal(String include) throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    String xml = "<configuration><include resource=\"" + include + "\"/></configuration>";
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    return context;
  }

  @AfterEach
  void restore() throws Exception {
    System.setOut(originalOut);
    System.setErr(originalErr);
    System.clearProperty("PILLARS_LOG_JUL_BRIDGE");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    SLF4JBridgeHandler.uninstall();
    LogManager.getLogManager().readConfiguration();
    new ContextInitializer(context).autoConfig();
  }

  private List<JsonNode> stdoutJson() {
    return out.toString(StandardCharsets.UTF_8).lines().map(StrictJson::parse).toList();
  }

  @Test
  void aJulWarningWithAnExceptionIsOneJsonLineOnStdoutAndNothingOnStderr() throws Exception {
    configureGlobal("dev/pillars/logging/json-console.xml");
    java.util.logging.Logger.getLogger("io.opentelemetry.exporter.internal.http.HttpExporter")
        .log(
            Level.WARNING,
            "Failed to export spans. The request could not be executed.",
            new java.net.ConnectException("Connection refused"));
    java.util.logging.Logger.getLogger("io.opentelemetry.sdk").fine("below the root level");

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    List<JsonNode> lines = stdoutJson();
    assertThat(lines).hasSize(1);
    JsonNode line = lines.get(0);
    assertThat(line.get("level").asString()).isEqualTo("WARN");
    assertThat(line.get("logger").asString())
        .isEqualTo("io.opentelemetry.exporter.internal.http.HttpExporter");
    assertThat(line.get("message").asString()).startsWith("Failed to export spans.");
    assertThat(line.get("stack_trace").asString()).startsWith("java.net.ConnectException");
    assertThat(java.util.logging.Logger.getLogger("io.opentelemetry.sdk").isLoggable(Level.FINE))
        .as("Logback's INFO root is propagated to JUL: FINE records are not even built")
        .isFalse();
  }

  @Test
  void theConsoleSpanExporterWritesJsonLinesBehindTheAsyncInclude() throws Exception {
    LoggerContext context = configureGlobal("dev/pillars/logging/json-console-async.xml");
    try (SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create()))
            .build()) {
      tracing.get("test").spanBuilder("console-span").startSpan().end();
    }
    context
        .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        .getAppender("PILLARS_ASYNC")
        .stop(); // drains

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    List<JsonNode> lines = stdoutJson();
    assertThat(lines)
        .anySatisfy(
            line -> {
              assertThat(line.get("logger").asString()).contains("LoggingSpanExporter");
              assertThat(line.get("message").asString()).contains("console-span");
            });
  }

  @Test
  void aRealOtlpExportFailureIsJsonToo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    configureGlobal("dev/pillars/logging/json-console.xml");
    try (OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder()
            .setEndpoint("http://127.0.0.1:" + closedPort + "/v1/traces")
            .setTimeout(Duration.ofSeconds(2))
            .setRetryPolicy(null)
            .build()) {
      exporter
          .export(
              List.of(
                  TestSpanData.builder()
                      .setName("lost-span")
                      .setKind(SpanKind.INTERNAL)
                      .setStartEpochNanos(1)
                      .setEndEpochNanos(2)
                      .setHasEnded(true)
                      .setStatus(StatusData.unset())
                      .build()))
          .join(5, TimeUnit.SECONDS);
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(stdoutJson())
        .anySatisfy(
            line -> {
              assertThat(line.get("level").asString()).isIn("WARN", "ERROR");
              assertThat(line.get("logger").asString()).startsWith("io.opentelemetry.exporter");
              assertThat(line.get("message").asString()).contains("Failed to export spans");
            });
  }

  @Test
  void settingThePropertyToFalseLeavesJulAlone() throws Exception {
    System.setProperty("PILLARS_LOG_JUL_BRIDGE", "false");
    configureGlobal("dev/pillars/logging/json-console.xml");
    assertThat(SLF4JBridgeHandler.isInstalled()).isFalse();
    assertThat(java.util.logging.Logger.getLogger("").getHandlers()).isNotEmpty();
  }
}
