package dev.pillars.examples.stack;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, found without a full parser: string literals, label
 * matchers, range selectors and label lists of {@code by/without/on/ignoring} are blanked, then
 * every remaining identifier that is not a function call, keyword or number is a metric.
 */
final class PromQlMetricNames {

  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");

  private PromQlMetricNames() {}

  static Set<String> of(String expr) {
    String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      boolean partOfNumber =
          m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1))
              || m.start() > 0 && s.charAt(m.start() - 1) == '.';
      boolean call = s.substring(m.end()).stripLeading().startsWith("(");
      if (!partOfNumber && !call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
        names.add(word);
      }
    }
    return names;
  }
}
