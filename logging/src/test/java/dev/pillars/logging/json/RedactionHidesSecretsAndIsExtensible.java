package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.logging.LogCapture;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RedactionHidesSecretsAndIsExtensible {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void defaultRulesRedactEmailsBearerTokensAndApiKeysAndLeaveTheRestAlone() {
    DefaultRedactor redactor = new DefaultRedactor();
    assertThat(redactor.redact("mail bob.smith+x@corp.example.co.uk now"))
        .isEqualTo("mail [redacted-email] now");
    assertThat(redactor.redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def"))
        .isEqualTo("Authorization: Bearer [redacted-secret]");
    assertThat(redactor.redact("key sk-proj-ABCDEFGHIJKLMNOPQRST used"))
        .isEqualTo("key [redacted-secret] used");
    assertThat(redactor.redact("api_key=abc123XYZ&x=1")).isEqualTo("api_key=[redacted-secret]&x=1");
    assertThat(redactor.redact("{\"password\": \"hunter2\"}"))
        .isEqualTo("{\"password\": \"[redacted-secret]\"}");
    String harmless = "took: 12 ms, tokens=450 keyword basic";
    assertThat(redactor.redact(harmless)).isSameAs(harmless);
  }

  @Test
  void encoderRedactsMessagesMdcAndKeyValuesAndRunsCustomRules() {
    try (LogCapture capture =
        new LogCapture(e -> e.addRedactor(text -> text.replace("ACME-42", "[customer]")))) {
      long redactedBefore = LoggingSelfMetrics.REDACTED.count();
      MDC.put("contact", "carol@example.org");
      capture
          .logger("redact")
          .atInfo()
          .setMessage("customer ACME-42 wrote from dan@example.org")
          .addKeyValue("token", "Bearer abcdefghijklmnop")
          .log();

      var line = capture.json().get(0);
      assertThat(line.get("message").asString())
          .isEqualTo("customer [customer] wrote from [redacted-email]");
      assertThat(line.get("contact").asString()).isEqualTo("[redacted-email]");
      assertThat(line.get("token").asString()).isEqualTo("Bearer [redacted-secret]");
      assertThat(LoggingSelfMetrics.REDACTED.count() - redactedBefore).isEqualTo(4);
    }
  }

  @Test
  void defaultRulesCanBeTurnedOffAndABrokenRuleHidesTheValueWithoutLosingTheEvent() {
    try (LogCapture capture =
        new LogCapture(
            e -> {
              e.setDefaultRedaction(false);
              e.addRedactor(
                  text -> {
                    if (text.contains("boom")) {
                      throw new IllegalStateException("bug in rule");
                    }
                    return text;
                  });
            })) {
      capture.logger("r").info("eve@example.org");
      capture.logger("r").info("boom");

      assertThat(capture.json())
          .extracting(l -> l.get("message").asString())
          .containsExactly("eve@example.org", "[redactor-failed]");
    }
  }
}
