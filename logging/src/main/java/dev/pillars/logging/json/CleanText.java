package dev.pillars.logging.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;

/**
 * A text that has passed the encoder's {@link TextScrubber} already (a field name, the service
 * name), so that it can be written again and again without another scan. Plain ASCII text (letters,
 * digits, space and {@code _ - . : @ +}, which no JSON generator setting escapes) also keeps its
 * quoted UTF-8 bytes, which the generator copies instead of encoding the text once more; any other
 * text is written as a string, through the generator's escapes ({@code U+2028}, non-ASCII).
 */
final class CleanText {

  private final String text;
  private final @Nullable SerializedString quoted;

  private CleanText(String scrubbed) {
    this.text = scrubbed;
    this.quoted = isPlain(scrubbed) ? new SerializedString(scrubbed) : null;
  }

  /** {@code text} as the scrubber leaves it. */
  static CleanText of(TextScrubber scrubber, String text) {
    return new CleanText(scrubber.scrub(text));
  }

  /** A text the scrubber has just returned unchanged. */
  static CleanText scrubbed(String text) {
    return new CleanText(text);
  }

  String text() {
    return text;
  }

  boolean isEmpty() {
    return text.isEmpty();
  }

  void writeName(JsonGenerator generator) {
    if (quoted != null) {
      generator.writeName(quoted);
    } else {
      generator.writeName(text);
    }
  }

  void writeString(JsonGenerator generator) {
    if (quoted != null) {
      generator.writeString(quoted);
    } else {
      generator.writeString(text);
    }
  }

  private static boolean isPlain(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == ' '
              || c == '_'
              || c == '-'
              || c == '.'
              || c == ':'
              || c == '@'
              || c == '+';
      if (!plain) {
        return false;
      }
    }
    return true;
  }
}
