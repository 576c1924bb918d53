package dev.pillars.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction rules applied by default: e-mail addresses, {@code Bearer} tokens, well-known API key
 * shapes ({@code sk-...}, {@code AKIA...}, {@code ghp_...}, {@code xox?-...}) and the values of
 * {@code api_key=}, {@code token:}, {@code password=} style assignments.
 *
 * <p>Each rule is guarded by a cheap character or substring test so that ordinary messages pay a
 * few scans and no regex match.
 */
public final class DefaultRedactor implements LogRedactor {

  /** The replacement for a redacted e-mail address. */
  public static final String EMAIL_MARKER = "[redacted-email]";
  /** The replacement for a redacted secret. */
  public static final String SECRET_MARKER = "[redacted-secret]";

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}");
  private static final Pattern KEY_SHAPES =
      Pattern.compile(
          "\\b(?:sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,})");
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)\\b((?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|token|secret|password"
              + "|passwd)[\"']?\\s*[:=]\\s*[\"']?)[^\\s\"',;&}]+");

  /** Creates the default rules. */
  public DefaultRedactor() {}

  /**
   * Applies the default rules.
   *
   * @param text the text, never {@code null}
   * @return the redacted text, or {@code text} itself when nothing matched
   */
  @Override
  public String redact(String text) {
    String out = text;
    if (out.indexOf('@') >= 0) {
      out = replace(EMAIL, out, EMAIL_MARKER);
    }
    if (containsIgnoreCase(out, "bearer")) {
      out = replace(BEARER, out, "$1 " + SECRET_MARKER);
    }
    if (out.contains("sk-")
        || out.contains("AKIA")
        || (out.contains("gh") && out.indexOf('_') >= 0)
        || out.contains("xox")) {
      out = replace(KEY_SHAPES, out, SECRET_MARKER);
    }
    if ((out.indexOf('=') >= 0 || out.indexOf(':') >= 0)
        && (containsIgnoreCase(out, "key")
            || containsIgnoreCase(out, "token")
            || containsIgnoreCase(out, "secret")
            || containsIgnoreCase(out, "passw"))) {
      out = replace(ASSIGNMENT, out, "$1" + SECRET_MARKER);
    }
    return out;
  }

  private static String replace(Pattern pattern, String text, String replacement) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.replaceAll(replacement) : text;
  }

  /** ASCII-only case-insensitive search; {@code word} must be lower case. */
  private static boolean containsIgnoreCase(String text, String word) {
    char first = word.charAt(0);
    int n = word.length();
    for (int i = 0, last = text.length() - n; i <= last; i++) {
      if ((text.charAt(i) | 0x20) == first && text.regionMatches(true, i, word, 0, n)) {
        return true;
      }
    }
    return false;
  }
}
