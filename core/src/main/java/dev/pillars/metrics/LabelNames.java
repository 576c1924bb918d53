package dev.pillars.metrics;

import dev.pillars.kit.Text;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The rules every label name obeys, for definitions ({@link MetricDefinition}, which throws) and
 * for the names a caller passes to the unbound calls (which drop and count): a letter, then
 * letters, digits, {@code _}, {@code .} or {@code -}, at most {@link Metrics#MAX_LABEL_NAME_LENGTH}
 * characters; not a name Prometheus or the exporter reserves once written ({@code le}, {@code
 * quantile}, {@code otel_scope_*}, {@code otel_metric_overflow}); distinct once written ({@code
 * a-b} and {@code a_b} are both {@code a_b}); at most {@link Metrics#MAX_LABEL_NAMES} per series.
 */
final class LabelNames {

  private LabelNames() {}

  /** What is wrong with label name {@code name}, or null when it is fine. */
  static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "a label name is null or empty";
    }
    if (name.length() > Limits.MAX_LABEL_NAME_LENGTH) {
      return "a label name of "
          + name.length()
          + " chars is longer than "
          + Limits.MAX_LABEL_NAME_LENGTH;
    }
    char first = name.charAt(0);
    if (!isLetter(first)) {
      return "label name '" + Text.printable(name) + "' must start with a letter";
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') {
        return "label name '"
            + Text.printable(name)
            + "' may hold only letters, digits, '_', '.' and '-'";
      }
    }
    String written = PrometheusNames.label(name);
    if (written.equals("le") || written.equals("quantile")) {
      return "label name '" + name + "' is reserved by Prometheus for buckets and quantiles";
    }
    if (written.startsWith("otel_scope_") || written.equals("otel_metric_overflow")) {
      return "label name '" + Text.printable(name) + "' is reserved by the OpenTelemetry exporter";
    }
    return null;
  }

  /** What is wrong with a whole set of label names (each one, and together), or null. */
  static String problem(Collection<String> names) {
    if (names.size() > Limits.MAX_LABEL_NAMES) {
      return names.size() + " label names, more than " + Limits.MAX_LABEL_NAMES;
    }
    Map<String, String> written = new HashMap<>();
    for (String name : names) {
      String p = problem(name);
      if (p != null) {
        return p;
      }
      String previous = written.put(PrometheusNames.label(name), name);
      if (previous != null) {
        return "label names '"
            + previous
            + "' and '"
            + name
            + "' are both written as '"
            + PrometheusNames.label(name)
            + "'";
      }
    }
    return null;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
