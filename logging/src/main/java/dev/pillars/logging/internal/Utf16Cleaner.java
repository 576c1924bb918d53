package dev.pillars.logging.internal;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>Replaces UTF-16 code units that cannot be encoded as UTF-8 (lone high or low surrogates, and
 * pairs in reversed order) with U+FFFD.
 *
 * <p>Such text would either corrupt the JSON line or, in loki4j, make a whole batch fail. The
 * common case (no surrogate at all) returns the same instance without allocating.
 */
public final class Utf16Cleaner {

  /** What a code unit that cannot be encoded becomes. */
  public static final char REPLACEMENT = '\uFFFD';

  private Utf16Cleaner() {}

  /**
   * Replaces lone and reversed surrogates with U+FFFD, counting them.
   *
   * @param text the text
   * @return {@code text} itself when it holds none
   */
  public static String clean(String text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return replaceFrom(text, i);
      }
    }
    return text;
  }

  private static String replaceFrom(String text, int firstBad) {
    int length = text.length();
    StringBuilder out = new StringBuilder(length);
    out.append(text, 0, firstBad);
    int replaced = 0;
    for (int i = firstBad; i < length; i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else {
        out.append(REPLACEMENT);
        replaced++;
      }
    }
    LoggingSelfMetrics.recordCleaned(replaced);
    return out.toString();
  }
}
