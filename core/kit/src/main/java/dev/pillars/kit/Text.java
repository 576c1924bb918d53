package dev.pillars.kit;

/**
 * Internal, not for public use. Text repair shared by the Pillars modules: a bounded one-line form
 * for log messages, lone-surrogate repair and length cuts that never split a surrogate pair.
 *
 * <p>Every method returns its argument itself when nothing has to change, so the common (clean)
 * case does not allocate.
 */
public final class Text {

  /** The character that replaces a UTF-16 code unit that cannot be encoded (U+FFFD). */
  public static final char REPLACEMENT = '\uFFFD';

  /** How many characters of a name {@link #printable(String)} keeps. */
  public static final int PRINTABLE_LENGTH = 80;

  private Text() {}

  /**
   * A name or value fit for a log line: {@code "null"} for null, cut to {@value #PRINTABLE_LENGTH}
   * characters followed by {@code ...}, and on one line.
   *
   * @param text any text, or null
   * @return the printable form
   */
  public static String printable(String text) {
    if (text == null) {
      return "null";
    }
    String cut =
        text.length() > PRINTABLE_LENGTH ? text.substring(0, PRINTABLE_LENGTH) + "..." : text;
    return cut.replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Where the first lone surrogate is: a high surrogate not followed by a low one, or a low
   * surrogate not preceded by a high one (a pair in reversed order is two lone surrogates).
   *
   * @param text the text to scan
   * @return the index of the first lone surrogate, or -1 when the text is well-formed UTF-16
   */
  public static int firstLoneSurrogate(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * How many lone surrogates {@link #repairSurrogates(String)} would replace.
   *
   * @param text the text to scan
   * @return the number of lone surrogates, 0 for well-formed text
   */
  public static int loneSurrogateCount(CharSequence text) {
    int count = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Whether the code unit at {@code index} is part of a well-formed surrogate pair.
   *
   * @param text the text
   * @param index an index of a surrogate in {@code text}
   * @return true when that surrogate has its partner next to it
   */
  public static boolean isPaired(CharSequence text, int index) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
    }
    return Character.isLowSurrogate(c)
        && index > 0
        && Character.isHighSurrogate(text.charAt(index - 1));
  }

  /**
   * The text with every lone surrogate replaced by {@link #REPLACEMENT}; UTF-8 encoders corrupt
   * such text or (loki4j) fail a whole batch for it. Well-formed pairs are kept.
   *
   * @param text the text to repair
   * @return {@code text} itself when it holds no lone surrogate, else a repaired copy
   */
  public static String repairSurrogates(String text) {
    int first = firstLoneSurrogate(text);
    if (first < 0) {
      return text;
    }
    int length = text.length();
    StringBuilder out = new StringBuilder(length);
    out.append(text, 0, first);
    for (int i = first; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(REPLACEMENT);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Where to cut {@code text} so that it holds at most {@code maxChars} characters without ending
   * in the first half of a surrogate pair.
   *
   * @param text the text
   * @param maxChars the most characters to keep, at least 1
   * @return the length to keep: {@code text.length()} when it fits, else {@code maxChars} or one
   *     less
   */
  public static int cutIndex(CharSequence text, int maxChars) {
    if (text.length() <= maxChars) {
      return text.length();
    }
    return Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  }

  /**
   * The text cut to at most {@code maxChars} characters, never inside a surrogate pair.
   *
   * @param text the text
   * @param maxChars the most characters to keep, at least 1
   * @return {@code text} itself when it fits, else its cut prefix
   */
  public static String cut(String text, int maxChars) {
    int keep = cutIndex(text, maxChars);
    return keep == text.length() ? text : text.substring(0, keep);
  }
}
