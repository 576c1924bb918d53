package dev.pillars.logging.loki;

import dev.pillars.logging.json.PillarsJsonEncoder;

/**
 * How many leading characters of a text fit in a number of bytes once written inside a JSON string
 * as {@link PillarsJsonEncoder} writes it: UTF-8, with {@code "} and {@code \} and the short
 * control escapes ({@code \n}, {@code \t}, ...) taking 2 bytes, other control characters and
 * U+2028/U+2029 6 bytes ({@code \}{@code u2028}). A surrogate pair is never split.
 */
final class JsonTextBudget {

  private JsonTextBudget() {}

  static int charsFitting(String text, int budgetBytes) {
    int used = 0;
    int i = 0;
    int length = text.length();
    while (i < length) {
      char c = text.charAt(i);
      int bytes;
      int chars = 1;
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes = 4;
        chars = 2;
      } else {
        bytes = escapedBytes(c);
      }
      if (used + bytes > budgetBytes) {
        break;
      }
      used += bytes;
      i += chars;
    }
    return i;
  }

  private static int escapedBytes(char c) {
    if (c == '"' || c == '\\') {
      return 2;
    }
    if (c < 0x20) {
      return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
    }
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    if (c == '\u2028' || c == '\u2029') {
      return 6;
    }
    // A lone surrogate is written as U+FFFD (3 bytes); other BMP characters take 3 bytes.
    return 3;
  }
}
