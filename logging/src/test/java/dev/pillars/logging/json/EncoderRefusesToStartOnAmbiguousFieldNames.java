package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderRefusesToStartOnAmbiguousFieldNames {

  private static List<String> errors(LoggerContext context) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() == Status.ERROR)
        .map(Status::getMessage)
        .toList();
  }

  @Test
  void twoFieldsWithTheSameNameAreReportedWithTheFix() {
    LoggerContext context = new LoggerContext();
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    encoder.setContext(context);
    encoder.setMessageFieldName("level");

    encoder.start();

    assertThat(encoder.isStarted()).isFalse();
    assertThat(errors(context))
        .containsExactly(
            "PillarsJsonEncoder not started: the field name 'level' is used for both level and"
                + " message; give each its own name with <messageFieldName>");
  }

  @Test
  void aBlankFieldNameIsReportedWithTheFix() {
    LoggerContext context = new LoggerContext();
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    encoder.setContext(context);
    encoder.setTraceIdFieldName(" ");

    encoder.start();

    assertThat(encoder.isStarted()).isFalse();
    assertThat(errors(context))
        .containsExactly(
            "PillarsJsonEncoder not started: the traceId field name is empty;"
                + " set <traceIdFieldName> to a name");
  }
}
