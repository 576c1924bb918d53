package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: the redactor tests for a rare character of each key shape ({@code -}, {@code _}, {@code
 * A}, {@code J}) before it looks for the shape. Each shape the rules know, alone in a message, is
 * still redacted.
 */
class EveryKeyShapeIsFoundInPlainText {

  @Test
  void eachKnownKeyShapeIsRedacted() {
    DefaultRedactor redactor = new DefaultRedactor();
    for (String key :
        List.of(
            "sk-proj-ABCDEFGHIJKLMNOPQRSTUV",
            "sk_live_abcdefghij0123",
            "rk_test_abcdefghij0123",
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAIOSFODNN7EXAMPLE",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "ghp_abcdefghijklmnopqrstuvwxyz0123",
            "gho_abcdefghijklmnopqrstuvwxyz0123",
            "github_pat_abcdefghijklmnopqrstuvwxyz0123",
            "glpat-abcdefghijklmnopqrst",
            "xoxb-1234567890-abcdefghij",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----")) {
      assertThat(redactor.redact("got " + key + " back"))
          .as(key)
          .isEqualTo("got [redacted-secret] back");
    }
  }
}
