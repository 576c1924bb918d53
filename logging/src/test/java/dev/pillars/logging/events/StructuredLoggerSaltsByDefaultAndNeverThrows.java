package dev.pillars.logging.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.pillars.logging.LogCapture;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue 9 item 15: the default salt was empty, and logError let Errors escape. */
class StructuredLoggerSaltsByDefaultAndNeverThrows {

  private static String unsalted(String value) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
  }

  @Test
  void withoutAConfiguredSaltTheDigestIsNotThePlainSha256ButJoinsWithinTheProcess()
      throws Exception {
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger.of(capture.logger("rag")).logRequest("q", "alice", null, null);
      StructuredLogger.builder(capture.logger("rag"))
          .hashSalt(null)
          .build()
          .logRequest("q", "alice", null, null);
      StructuredLogger.builder(capture.logger("rag"))
          .hashSalt("")
          .build()
          .logRequest("q", "alice", null, null);

      var lines = capture.json();
      String digest = lines.get(0).get("user_id").asString();
      assertThat(digest).startsWith("sha256:").isNotEqualTo(unsalted("alice"));
      assertThat(lines).extracting(l -> l.get("user_id").asString()).containsOnly(digest);
      assertThat(ProcessHashSalt.get()).hasSize(32).isNotBlank();
    }
  }

  @Test
  void aCauseChainTenThousandDeepIsLoggedCutNotThrown() {
    Throwable deep = new IllegalStateException("root cause");
    for (int i = 1; i < 10_000; i++) {
      deep = new RuntimeException("level " + i, deep);
    }
    Throwable error = deep;
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger events = StructuredLogger.of(capture.logger("rag"));
      assertThatCode(() -> events.logError(error, Map.of("endpoint", "/q")))
          .doesNotThrowAnyException();

      JsonNode line = capture.json().get(0);
      assertThat(line.get("event_type").asString()).isEqualTo("error");
      assertThat(line.get("error_type").asString()).isEqualTo("java.lang.RuntimeException");
      assertThat(line.get("error_message").asString()).isEqualTo("level 9999");
      assertThat(line.get("endpoint").asString()).isEqualTo("/q");
      String trace = line.get("stack_trace").asString();
      assertThat(trace)
          .contains("java.lang.RuntimeException: level 9999")
          .contains("level 9936")
          .contains("[cause chain cut after 64 exceptions]")
          .doesNotContain("level 9935");
    }
  }

  @Test
  void anExceptionWhoseGetMessageThrowsIsLoggedWithANote() {
    Throwable hostile =
        new IllegalArgumentException() {
          @Override
          public String getMessage() {
            throw new UnsupportedOperationException("no message for you");
          }
        };
    Throwable hostileError =
        new RuntimeException("wrapper") {
          @Override
          public String getMessage() {
            throw new AssertionError("an Error from getMessage");
          }
        };
    try (LogCapture capture = new LogCapture()) {
      StructuredLogger events = StructuredLogger.of(capture.logger("rag"));
      assertThatCode(() -> events.logError(hostile, null)).doesNotThrowAnyException();
      assertThatCode(() -> events.logError(hostileError, null)).doesNotThrowAnyException();

      var lines = capture.json();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0).get("error_message").asString())
          .isEqualTo("[getMessage() failed: java.lang.UnsupportedOperationException]");
      assertThat(lines.get(0).get("stack_trace").asString())
          .contains("[getMessage() failed: java.lang.UnsupportedOperationException]")
          .contains(getClass().getName());
      assertThat(lines.get(1).get("error_message").asString())
          .isEqualTo("[getMessage() failed: java.lang.AssertionError]");
    }
  }

  @Test
  void aHostileContextValueDropsTheEventAndCountsIt() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new StackOverflowError("toString recursion");
          }
        };
    try (LogCapture capture = new LogCapture()) {
      long before = LoggingSelfMetrics.DROPPED.count(DropReason.ENCODING_FAILED);
      StructuredLogger events = StructuredLogger.of(capture.logger("rag"));
      assertThatCode(() -> events.logError(null, Map.of("user_id", hostile)))
          .doesNotThrowAnyException();
      assertThat(LoggingSelfMetrics.DROPPED.count(DropReason.ENCODING_FAILED) - before)
          .isEqualTo(1);
    }
  }
}
