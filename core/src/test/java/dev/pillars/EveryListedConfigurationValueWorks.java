package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 9 item 10: {@code logging-otlp} was listed as a metrics exporter but failed at build().
 * This reads the values that the root README's configuration table lists for each setting, and
 * runs, for each one, a check that it does what it says; a listed value without a check fails.
 */
class EveryListedConfigurationValueWorks {

  private static final Path README = Path.of("..", "README.md");
  private static final String COUNTER = "request_count";
  private static final String SPAN = "listed-value-span";

  private final Map<String, Map<String, Executable>> checks =
      Map.of(
          "OTEL_METRICS_EXPORTER",
          Map.of(
              "prometheus", this::metricsToPrometheus,
              "otlp", () -> metricsOverOtlp("http/protobuf"),
              "console", this::metricsToConsole,
              "none", this::noMetricsExporter),
          "OTEL_TRACES_EXPORTER",
          Map.of(
              "otlp", this::tracesOverOtlp,
              "console", this::tracesToConsole,
              "none", this::noTracesExporter),
          "OTEL_LOGS_EXPORTER",
          Map.of("otlp", () -> logs("otlp", true), "none", () -> logs("none", false)),
          "OTEL_EXPORTER_OTLP_PROTOCOL",
          Map.of(
              "grpc", () -> metricsOverOtlp("grpc"),
              "http/protobuf", () -> metricsOverOtlp("http/protobuf")),
          "OTEL_EXPERIMENTAL_SDK_TELEMETRY_VERSION",
          Map.of(
              "latest", () -> sdkTelemetry("latest", "otel_sdk_span_started_total"),
              "legacy", () -> sdkTelemetry("legacy", "processedSpans")));

  // issue 9 item 10
  @TestFactory
  Stream<DynamicTest> everyValueTheReadmeListsIsExercised() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Map<String, Executable>> setting : checks.entrySet()) {
      List<String> listed = listedValues(readme, setting.getKey());
      assertThat(listed).as("values listed for %s", setting.getKey()).isNotEmpty();
      for (String value : listed) {
        tests.add(
            DynamicTest.dynamicTest(
                setting.getKey() + "=" + value,
                () -> {
                  Executable check = setting.getValue().get(value);
                  assertThat(check)
                      .as(
                          "the README lists %s=%s, but no test exercises it",
                          setting.getKey(), value)
                      .isNotNull();
                  check.execute();
                }));
      }
    }
    return tests.stream();
  }

  // issue 9 item 10: the value it no longer lists fails with a message that names the fix
  @Test
  void anExporterWhoseArtifactIsAbsentFailsBuildNamingIt() {
    assertThatThrownBy(() -> TestPillars.builder().metricsExporters("logging-otlp").build())
        .isInstanceOf(PillarsConfigurationException.class)
        .hasMessageContaining("otel.metrics.exporter")
        .hasMessageContaining("opentelemetry-exporter-logging-otlp");
  }

  /** The backquoted values in parentheses after {@code variable} in the table's variable column. */
  static List<String> listedValues(String readme, String variable) {
    for (String line : readme.split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length < 3 || !cells[2].contains("`" + variable + "`")) {
        continue;
      }
      Matcher list = Pattern.compile("`" + variable + "`\\s*\\(([^)]*)\\)").matcher(cells[2]);
      List<String> values = new ArrayList<>();
      if (list.find()) {
        Matcher value = Pattern.compile("`([^`]+)`").matcher(list.group(1));
        while (value.find()) {
          values.add(value.group(1));
        }
      }
      return values;
    }
    return List.of();
  }

  private void metricsToPrometheus() {
    try (Pillars pillars = TestPillars.builder().metricsExporters("prometheus").build()) {
      record(pillars);
      assertThat(pillars.metricsText()).contains("request_count_total{");
      assertThat(pillars.prometheusAddress()).isPresent();
    }
  }

  private void metricsOverOtlp(String protocol) throws Exception {
    try (OtlpSignalReceiver receiver =
            protocol.equals("grpc") ? OtlpSignalReceiver.grpc() : OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .metricsExporters("otlp")
                .tracesExporters("none")
                .otlpProtocol(protocol)
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      record(pillars);
      flush(pillars);
      assertThat(OtlpSignalReceiver.await(receiver.metricNames, COUNTER)).isTrue();
      assertThat(pillars.prometheusAddress()).isEmpty();
    }
  }

  private void metricsToConsole() throws Exception {
    List<String> lines =
        captureJul(
            "io.opentelemetry.exporter.logging.LoggingMetricExporter",
            () -> {
              try (Pillars pillars = TestPillars.builder().metricsExporters("console").build()) {
                record(pillars);
                flush(pillars);
              }
            });
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("name=" + COUNTER));
  }

  private void noMetricsExporter() throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .metricsExporters("none")
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      record(pillars);
      flush(pillars);
      assertThat(pillars.prometheusAddress()).isEmpty();
      assertThat(pillars.metricsText()).isEmpty();
      assertThat(receiver.metricNames).isEmpty();
    }
  }

  private void tracesOverOtlp() throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .tracesExporters("otlp")
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      span(pillars);
      flush(pillars);
      assertThat(OtlpSignalReceiver.await(receiver.spanNames, SPAN)).isTrue();
    }
  }

  private void tracesToConsole() throws Exception {
    List<String> lines =
        captureJul(
            "io.opentelemetry.exporter.logging.LoggingSpanExporter",
            () -> {
              try (Pillars pillars = TestPillars.builder().tracesExporters("console").build()) {
                span(pillars);
                flush(pillars);
              }
            });
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("'" + SPAN + "'"));
  }

  private void noTracesExporter() throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .tracesExporters("none")
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      span(pillars);
      flush(pillars);
      assertThat(receiver.spanNames).isEmpty();
      assertThat(pillars.metricsText()).doesNotContain("otel_sdk_processor_span_queue_capacity");
    }
  }

  private void logs(String exporter, boolean delivered) throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .property("otel.logs.exporter", exporter)
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      pillars
          .openTelemetry()
          .getLogsBridge()
          .get("listed-values")
          .logRecordBuilder()
          .setBody("a log record")
          .emit();
      flush(pillars);
      if (delivered) {
        assertThat(OtlpSignalReceiver.await(receiver.logBodies, "a log record")).isTrue();
      } else {
        assertThat(receiver.logBodies).isEmpty();
      }
    }
  }

  private void sdkTelemetry(String version, String metricName) throws Exception {
    try (OtlpSignalReceiver receiver = OtlpSignalReceiver.http();
        Pillars pillars =
            TestPillars.builder()
                .property(ConfigKeys.SDK_TELEMETRY_VERSION, version)
                .tracesExporters("otlp")
                .metricsExporters("prometheus")
                .otlpProtocol("http/protobuf")
                .otlpEndpoint(receiver.endpoint())
                .build()) {
      span(pillars);
      flush(pillars);
      assertThat(pillars.metricsText()).contains(metricName);
    }
  }

  private static void record(Pillars pillars) {
    pillars.metrics().incrementCounter(COUNTER, "endpoint", "/q", "method", "GET", "status", "200");
  }

  private static void span(Pillars pillars) {
    pillars.tracer("listed-values").spanBuilder(SPAN).startSpan().end();
  }

  private static void flush(Pillars pillars) {
    OpenTelemetrySdk sdk = (OpenTelemetrySdk) pillars.openTelemetry();
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    sdk.getSdkMeterProvider().forceFlush().join(10, TimeUnit.SECONDS);
    sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
  }

  private static List<String> captureJul(String loggerName, Executable body) throws Exception {
    Logger logger = Logger.getLogger(loggerName);
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            Object[] params = record.getParameters();
            String message = record.getMessage();
            lines.add(params == null ? message : java.text.MessageFormat.format(message, params));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = logger.getLevel();
    boolean parents = logger.getUseParentHandlers();
    logger.setLevel(Level.INFO);
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      body.execute();
    } catch (Throwable t) {
      throw t instanceof Exception ? (Exception) t : new RuntimeException(t);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(before);
      logger.setUseParentHandlers(parents);
    }
    return lines;
  }
}
