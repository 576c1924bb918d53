package dev.pillars.metrics;

import java.util.List;
import java.util.Map;

/**
 * Names as the OpenTelemetry Prometheus exporter writes them (underscore escaping with unit and
 * type suffixes), so that the facade can tell, when a name is first seen, whether two spellings
 * would land in one Prometheus family ({@code request.count} and {@code request_count}), or a
 * metric would shadow another's samples ({@code x_count} beside histogram {@code x}).
 *
 * <p>The rules follow the exporter's: every character but a letter or a digit becomes {@code _},
 * runs of {@code _} collapse into one, the suffixes {@code _total}, {@code _created}, {@code
 * _bucket} and {@code _info} are stripped, and the unit is appended unless the name already ends
 * with it. Where this could differ from the exporter in a corner (an exotic unit), the exposition
 * guard in core still keeps one bad family from costing the others.
 */
final class PrometheusNames {

  /** Families no metric of the facade may claim: the resource's, and the facade's own. */
  private static final String TARGET_INFO = "target_info";

  private static final String SELF_METRIC_PREFIX = "pillars_";

  private static final List<String> RESERVED_SUFFIXES =
      List.of("_total", "_created", "_bucket", "_info");

  private static final Map<String, String> UNITS =
      Map.ofEntries(
          Map.entry("d", "days"),
          Map.entry("h", "hours"),
          Map.entry("min", "minutes"),
          Map.entry("s", "seconds"),
          Map.entry("ms", "milliseconds"),
          Map.entry("us", "microseconds"),
          Map.entry("ns", "nanoseconds"),
          Map.entry("By", "bytes"),
          Map.entry("KiBy", "kibibytes"),
          Map.entry("MiBy", "mebibytes"),
          Map.entry("GiBy", "gibibytes"),
          Map.entry("TiBy", "tibibytes"),
          Map.entry("KBy", "kilobytes"),
          Map.entry("MBy", "megabytes"),
          Map.entry("GBy", "gigabytes"),
          Map.entry("TBy", "terabytes"),
          Map.entry("m", "meters"),
          Map.entry("V", "volts"),
          Map.entry("A", "amperes"),
          Map.entry("J", "joules"),
          Map.entry("W", "watts"),
          Map.entry("g", "grams"),
          Map.entry("Cel", "celsius"),
          Map.entry("Hz", "hertz"),
          Map.entry("%", "percent"));

  private static final Map<String, String> PER_UNITS =
      Map.of(
          "s", "second", "min", "minute", "m", "minute", "h", "hour", "d", "day", "w", "week", "mo",
          "month", "y", "year");

  private PrometheusNames() {}

  /** The family name the exporter gives a metric called {@code name} with {@code unit}. */
  static String family(String name, String unit) {
    String family = stripReservedSuffixes(escape(name));
    String suffix = unitSuffix(unit);
    if (!suffix.isEmpty() && !family.endsWith(suffix)) {
      family = family + "_" + suffix;
    }
    return family;
  }

  /**
   * Every sample name (and the family name itself) a metric of {@code type} in {@code family}
   * writes, in text 0.0.4 or OpenMetrics: what no other metric may also write.
   */
  static List<String> claimed(String family, MetricType type) {
    switch (type) {
      case COUNTER:
        return List.of(family, family + "_total", family + "_created");
      case HISTOGRAM:
        return List.of(
            family, family + "_bucket", family + "_count", family + "_sum", family + "_created");
      default:
        return List.of(family);
    }
  }

  /** Why no facade metric may claim {@code sample}, or null when it may. */
  static String reservedReason(String sample) {
    if (sample.equals(TARGET_INFO) || sample.equals("target")) {
      return "'" + sample + "' is the resource's target_info";
    }
    if (sample.startsWith(SELF_METRIC_PREFIX)) {
      return "'" + sample + "' is in pillars_*, Pillars' own self-metrics";
    }
    return null;
  }

  /**
   * A label name as the exporter writes it: every character but a letter or a digit becomes {@code
   * _}, runs of {@code _} collapse into one.
   */
  static String label(String name) {
    return escape(name);
  }

  private static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean underscore = false;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      boolean keep =
          (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
      if (keep) {
        out.appendCodePoint(cp);
        underscore = false;
      } else if (!underscore) {
        out.append('_');
        underscore = true;
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private static String stripReservedSuffixes(String name) {
    String result = name;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String suffix : RESERVED_SUFFIXES) {
        if (result.equals(suffix)) {
          return result.substring(1);
        }
        if (result.endsWith(suffix)) {
          result = result.substring(0, result.length() - suffix.length());
          changed = true;
        }
      }
    }
    return result;
  }

  /** The unit's Prometheus suffix, or "" for none ({@code 1}, {@code {token}}, ""). */
  static String unitSuffix(String unit) {
    String u = unit == null ? "" : unit.replaceAll("\\{[^}]*}", "").trim();
    if (u.isEmpty() || u.equals("1") || u.equals("/")) {
      return "";
    }
    String known = UNITS.get(u);
    if (known != null) {
      return known;
    }
    int slash = u.indexOf('/');
    if (slash > 0 && slash < u.length() - 1) {
      String over = u.substring(0, slash);
      String per = u.substring(slash + 1);
      return clean(UNITS.getOrDefault(over, over) + "_per_" + PER_UNITS.getOrDefault(per, per));
    }
    return clean(u);
  }

  private static String clean(String s) {
    String escaped = escape(s);
    int start = 0;
    int end = escaped.length();
    while (start < end && escaped.charAt(start) == '_') {
      start++;
    }
    while (end > start && escaped.charAt(end - 1) == '_') {
      end--;
    }
    return escaped.substring(start, end);
  }
}
