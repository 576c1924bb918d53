package dev.pillars;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples back out of Prometheus text 0.0.4, for tests that check what a scrape holds. */
final class Exposition {

  /** One sample line: name, its label text (without braces) and value. */
  record Sample(String name, String labels, double value) {}

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");

  private Exposition() {}

  /** Every sample line of {@code text}, in order. */
  static List<Sample> samples(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a sample line: " + line);
      }
      out.add(new Sample(m.group(1), m.group(2) == null ? "" : m.group(2), parse(m.group(3))));
    }
    return out;
  }

  /** The sum of samples named {@code name} whose label text contains every {@code fragment}. */
  static double sum(String text, String name, String... fragments) {
    double total = 0;
    for (Sample s : samples(text)) {
      if (s.name().equals(name) && containsAll(s.labels(), fragments)) {
        total += s.value();
      }
    }
    return total;
  }

  /** How many lines of {@code text} start with {@code prefix}. */
  static long lines(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).count();
  }

  private static boolean containsAll(String labels, String[] fragments) {
    for (String f : fragments) {
      if (!labels.contains(f)) {
        return false;
      }
    }
    return true;
  }

  private static double parse(String v) {
    switch (v) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        return Double.parseDouble(v);
    }
  }
}
