package dev.pillars.logging.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: without a {@code :} or {@code =} in the text, the redactor looks for {@code bearer} and
 * {@code basic} only where a {@code b} or {@code B} stands. Credentials in any case, after other
 * b's, and at the very end of the text are still found; ordinary text stays the same instance.
 */
class BearerAndBasicCredentialsNeedNoSeparator {

  private final DefaultRedactor redactor = new DefaultRedactor();

  @Test
  void credentialsWithoutASeparatorAreRedactedInAnyCaseAndPosition() {
    assertThat(redactor.redact("sent bearer abcdefgh12345678 upstream"))
        .isEqualTo("sent bearer [redacted-secret] upstream");
    assertThat(redactor.redact("BEARER abcdefgh12345678")).isEqualTo("BEARER [redacted-secret]");
    assertThat(redactor.redact("bob's bb, bab: no; Bearer abcdefgh12345678"))
        .isEqualTo("bob's bb, bab: no; Bearer [redacted-secret]");
    assertThat(redactor.redact("a big blob, then basic dXNlcjpwYXNzd29yZA== at the end"))
        .isEqualTo("a big blob, then basic [redacted-secret] at the end");
    assertThat(redactor.redact("both Basic dXNlcjpwYXNzd29yZA== and bearer abcdefgh12345678"))
        .isEqualTo("both Basic [redacted-secret] and bearer [redacted-secret]");
  }

  @Test
  void textWithoutCredentialsIsReturnedAsItIs() {
    for (String harmless :
        List.of(
            "Retrieved 8 chunks for query in 42 ms",
            "bob bought a bearer bond, basic information",
            "b",
            "",
            "Bb bearer",
            "AKIA is a prefix, k_ too, gh without an underscore")) {
      assertThat(redactor.redact(harmless)).as(harmless).isSameAs(harmless);
    }
  }
}
