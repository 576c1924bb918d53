package dev.pillars.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.pillars.logging.events.StructuredLogger;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import dev.pillars.logging.json.PillarsJsonEncoder;
import dev.pillars.logging.json.TraceContextJsonProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One nullness policy for the whole module: every package is {@code @NullMarked}; calls made per
 * event take nulls without throwing (the field is left out, the line still written); configuration
 * calls throw at once, naming the parameter, unless null is documented as "the default".
 */
class NullArgumentsFollowOnePolicy {

  @Test
  void everyPackageOfTheModuleIsNullMarked() throws Exception {
    Path classes =
        Path.of(
            PillarsJsonEncoder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> packages;
    try (Stream<Path> files = Files.walk(classes)) {
      packages =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
              .distinct()
              .sorted()
              .toList();
    }
    assertThat(packages)
        .containsExactly(
            "dev.pillars.logging.events",
            "dev.pillars.logging.internal",
            "dev.pillars.logging.json",
            "dev.pillars.logging.loki",
            "dev.pillars.logging.spring");
    for (String name : packages) {
      Class<?> info = Class.forName(name + ".package-info");
      assertThat(info.isAnnotationPresent(NullMarked.class)).as(name).isTrue();
    }
  }

  @Test
  void eventCallsTakeNullsAndStillWriteOneLineEach() {
    long failedBefore = LoggingSelfMetrics.DROPPED.count(DropReason.ENCODING_FAILED);
    try (LogCapture capture = new LogCapture()) {
      Logger logger = capture.logger("nulls");
      StructuredLogger events = StructuredLogger.of(logger);
      Map<String, Object> context = new HashMap<>();
      context.put(null, "dropped: no name");
      context.put("attempt", null);

      assertThatCode(
              () -> {
                events.logRequest(null, null, null, null);
                events.logResponse(1.0, 0, 0, Double.NaN, true, null, false);
                events.logError(null, null);
                events.logError(null, context);
                logger
                    .atInfo()
                    .setMessage("kv")
                    .addKeyValue(null, "v")
                    .addKeyValue("k", (Object) null)
                    .log();
                logger.info((String) null);
              })
          .doesNotThrowAnyException();

      List<JsonNode> lines = capture.json();
      assertThat(lines).hasSize(6);
      assertThat(lines.get(0).get("event_type").asString()).isEqualTo("request");
      assertThat(lines.get(0).has("query")).isFalse();
      assertThat(lines.get(0).has("user_id")).isFalse();
      assertThat(lines.get(1).has("model")).isFalse();
      assertThat(lines.get(1).has("cost_usd")).isFalse();
      assertThat(lines.get(2).get("event_type").asString()).isEqualTo("error");
      assertThat(lines.get(2).has("error_type")).isFalse();
      assertThat(lines.get(3).get("attempt").isNull()).isTrue();
      assertThat(lines.get(3).has("null")).isFalse();
      assertThat(lines.get(3).toString()).doesNotContain("dropped: no name");
      assertThat(lines.get(4).get("k").isNull()).isTrue();
      assertThat(lines.get(4).has("null")).isFalse();
      assertThat(lines.get(4).get("message").asString()).isEqualTo("kv");
      assertThat(lines.get(5).get("level").asString()).isEqualTo("INFO");
    }
    assertThat(LoggingSelfMetrics.DROPPED.count(DropReason.ENCODING_FAILED))
        .isEqualTo(failedBefore);
  }

  @Test
  void configurationCallsNameTheNullParameterAtOnce() {
    Logger logger = new LoggerContext().getLogger("config");
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    TraceContextJsonProvider provider = new TraceContextJsonProvider();

    assertThatThrownBy(() -> StructuredLogger.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("logger");
    assertThatThrownBy(() -> StructuredLogger.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("logger");
    assertThatThrownBy(() -> StructuredLogger.builder(logger).queryPolicy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policy");
    assertThatThrownBy(() -> StructuredLogger.builder(logger).userIdPolicy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("policy");
    assertThatThrownBy(() -> encoder.addRedactor(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("redactor");
    assertThatThrownBy(() -> encoder.setMessageFieldName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("messageFieldName");
    assertThatThrownBy(() -> provider.setTraceIdFieldName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("traceIdFieldName");
  }

  @Test
  void whereNullMeansTheDefaultItIsTheDefault() {
    LoggerContext context = new LoggerContext();
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    encoder.setContext(context);
    encoder.setServiceName("set first");
    encoder.setServiceName(null);
    encoder.setEnvironment(null);
    encoder.start();

    assertThat(encoder.isStarted()).isTrue();
    assertThat(encoder.serviceName()).isNotNull().isNotEqualTo("set first");
    assertThatCode(() -> StructuredLogger.builder(context.getLogger("salt")).hashSalt(null).build())
        .doesNotThrowAnyException();
    encoder.stop();
  }
}
