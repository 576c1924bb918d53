package dev.pillars.logging.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redaction rules applied by default:
 *
 * <ul>
 *   <li>e-mail addresses ({@value #EMAIL_MARKER});
 *   <li>credentials in a URL ({@code https://user:[redacted-secret]@host});
 *   <li>{@code Authorization:} header values, {@code Bearer} and {@code Basic} credentials;
 *   <li>JSON Web Tokens ({@code eyJ...}.{@code ...}.{@code ...}) and PEM private key blocks;
 *   <li>well-known API key shapes: {@code sk-...} (OpenAI, Anthropic), {@code sk_live_}/{@code
 *       rk_test_...} (Stripe), {@code AKIA}/{@code ASIA...} (AWS), {@code AIza...} (Google), {@code
 *       ghp_...}/{@code github_pat_...} (GitHub), {@code glpat-...} (GitLab), {@code xox?-...}
 *       (Slack), also when glued to a word ({@code key_sk-proj-...});
 *   <li>the value of any assignment whose name contains {@code password}, {@code passwd}, {@code
 *       pwd}, {@code secret}, {@code token}, {@code api_key}/{@code apikey}, {@code access_key},
 *       {@code private_key}, {@code credential} or {@code auth}, whatever surrounds it: {@code
 *       client_secret=}, {@code DB_PASSWORD=}, {@code refresh_token:}, {@code
 *       AWS_SECRET_ACCESS_KEY=}, {@code "password": "..."}.
 * </ul>
 *
 * <p>Secrets are replaced by {@value #SECRET_MARKER}. Each rule is guarded by a cheap character or
 * substring test so that ordinary messages pay a few scans and no regex match, and every quantifier
 * is bounded so that a long line cannot make a rule slow. The rules are idempotent: redacted text
 * passes through them unchanged.
 */
public final class DefaultRedactor implements LogRedactor {

  /** The replacement for a redacted e-mail address. */
  public static final String EMAIL_MARKER = "[redacted-email]";

  /** The replacement for a redacted secret. */
  public static final String SECRET_MARKER = "[redacted-secret]";

  private static final Pattern URL_CREDENTIALS =
      Pattern.compile(
          "(?i)(\\b[a-z][a-z0-9+.-]{0,20}://[^\\s/:@\"']{1,256}:)(?!\\[redacted-)[^\\s/@\"']{1,256}@");
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}");
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)(authorization[\"']?\\s{0,5}[:=]\\s{0,5}[\"']?(?:(?:bearer|basic|digest|token"
              + "|negotiate|apikey)\\s{1,5})?+)(?!\\[redacted-)[^\\s\"',;}]{1,4096}");
  private static final Pattern BEARER =
      Pattern.compile("(?i)\\b(bearer)\\s{1,5}(?!\\[redacted-)[A-Za-z0-9._~+/=-]{8,4096}");
  // Base64 of user:password; the lookahead wants a digit, + / =, or a lower-upper step, so that
  // "basic information" stays.
  private static final Pattern BASIC =
      Pattern.compile(
          "\\b([Bb]asic|BASIC)\\s{1,5}(?=[A-Za-z0-9+/]{0,4096}(?:[0-9+/=]|[a-z][A-Z]))"
              + "[A-Za-z0-9+/]{6,4096}={0,2}");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{0,8192}");
  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[\\s\\S]{0,16384}?-----END [A-Z ]{0,20}PRIVATE"
              + " KEY-----");
  private static final Pattern KEY_SHAPES =
      Pattern.compile(
          "(?<![A-Za-z0-9])(?:sk-[A-Za-z0-9_-]{16,512}|[sr]k_(?:live|test)_[A-Za-z0-9]{10,256}"
              + "|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|gh[pousr]_[A-Za-z0-9]{20,255}"
              + "|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,255}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,255})");
  // The name may be glued to anything (client_secret, DB_PASSWORD, AWS_SECRET_ACCESS_KEY): no
  // leading \b. What follows the keyword must be a separated word (_KEY, -id) or nothing, so that
  // "max_tokens=450" and "secretary=..." stay.
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)((?:api[_-]?key|access[_-]?key|private[_-]?key|secret|token|passw(?:or)?d|pwd"
              + "|credentials?|auth)(?:[_.-][a-z0-9]{1,20}){0,4}[\"']?\\s{0,5}[:=]\\s{0,5}[\"']?)"
              + "(?!\\[redacted-)[^\\s\"',;&}]{1,4096}");

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
    // One pass finds the keywords the rules below need; markers added by a rule never need
    // another rule, so the original text decides.
    int words = keywords(text);
    boolean at = out.indexOf('@') >= 0;
    if (at && out.contains("://")) {
      out = replace(URL_CREDENTIALS, out, "$1" + SECRET_MARKER + "@");
    }
    if (at) {
      out = replace(EMAIL, out, EMAIL_MARKER);
    }
    if ((words & AUTHORIZATION_WORD) != 0) {
      out = replace(AUTHORIZATION, out, "$1" + SECRET_MARKER);
    }
    if ((words & BEARER_WORD) != 0) {
      out = replace(BEARER, out, "$1 " + SECRET_MARKER);
    }
    if ((words & BASIC_WORD) != 0) {
      out = replace(BASIC, out, "$1 " + SECRET_MARKER);
    }
    // Each substring test sits behind a test for one of its rarer characters.
    if (out.indexOf('J') >= 0 && out.contains("eyJ")) {
      out = replace(JWT, out, SECRET_MARKER);
    }
    boolean dash = out.indexOf('-') >= 0;
    if (dash && out.contains("PRIVATE KEY-----")) {
      out = replace(PRIVATE_KEY, out, SECRET_MARKER);
    }
    boolean underscore = out.indexOf('_') >= 0;
    if ((dash && (out.contains("sk-") || out.contains("glpat-") || out.contains("xox")))
        || (underscore
            && (out.contains("k_live_") || out.contains("k_test_") || out.contains("gh")))
        || (out.indexOf('A') >= 0
            && (out.contains("AKIA") || out.contains("ASIA") || out.contains("AIza")))) {
      out = replace(KEY_SHAPES, out, SECRET_MARKER);
    }
    if ((words & ASSIGNMENT_WORD) != 0) {
      out = replace(ASSIGNMENT, out, "$1" + SECRET_MARKER);
    }
    return out;
  }

  private static final int AUTHORIZATION_WORD = 1;
  private static final int BEARER_WORD = 2;
  private static final int BASIC_WORD = 4;
  private static final int ASSIGNMENT_WORD = 8;

  /**
   * ASCII case-insensitive scan for the keywords of the rules. The authorization and assignment
   * rules need a {@code =} or {@code :}; without one, only {@code bearer} and {@code basic} can
   * match, and they are looked for at each {@code b} or {@code B} (the JDK's {@code indexOf} scans
   * are vectorised): an ordinary message costs four of them and no loop of ours.
   */
  private static int keywords(String text) {
    if (text.indexOf('=') < 0 && text.indexOf(':') < 0) {
      return credentialWordsAt(text, 'b') | credentialWordsAt(text, 'B');
    }
    return everyKeyword(text);
  }

  /** {@code bearer} and {@code basic}, case-insensitive, at each {@code first} in the text. */
  private static int credentialWordsAt(String text, char first) {
    int found = 0;
    for (int i = text.indexOf(first); i >= 0; i = text.indexOf(first, i + 1)) {
      if (at(text, i, "bearer")) {
        found |= BEARER_WORD;
      } else if (at(text, i, "basic")) {
        found |= BASIC_WORD;
      }
    }
    return found;
  }

  /**
   * Every keyword in one pass, for text that holds a {@code =} or {@code :}. Two characters are
   * compared before a full match is tried.
   */
  private static int everyKeyword(String text) {
    int found = 0;
    for (int i = 0, last = text.length() - 3; i <= last; i++) {
      int c = text.charAt(i) | 0x20;
      int d = text.charAt(i + 1) | 0x20;
      switch (c) {
        case 'b' -> {
          if (d == 'e' && at(text, i, "bearer")) {
            found |= BEARER_WORD;
          } else if (d == 'a' && at(text, i, "basic")) {
            found |= BASIC_WORD;
          }
        }
        case 'a' -> {
          if (d == 'u' && at(text, i, "auth")) {
            found |= ASSIGNMENT_WORD;
            if (at(text, i, "authorization")) {
              found |= AUTHORIZATION_WORD;
            }
          }
        }
        case 'k' -> found |= d == 'e' && at(text, i, "key") ? ASSIGNMENT_WORD : 0;
        case 't' -> found |= d == 'o' && at(text, i, "token") ? ASSIGNMENT_WORD : 0;
        case 's' -> found |= d == 'e' && at(text, i, "secret") ? ASSIGNMENT_WORD : 0;
        case 'p' ->
            found |=
                ((d == 'a' && at(text, i, "passw")) || (d == 'w' && at(text, i, "pwd")))
                    ? ASSIGNMENT_WORD
                    : 0;
        case 'c' -> found |= d == 'r' && at(text, i, "credential") ? ASSIGNMENT_WORD : 0;
        default -> {}
      }
    }
    return found;
  }

  private static boolean at(String text, int i, String word) {
    return text.regionMatches(true, i, word, 0, word.length());
  }

  private static String replace(Pattern pattern, String text, String replacement) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? matcher.replaceAll(replacement) : text;
  }
}
