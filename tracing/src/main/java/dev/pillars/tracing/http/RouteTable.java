package dev.pillars.tracing.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Route templates such as {@code /users/{id}/orders} matched against request paths, so that {@code
 * http.route} is a template and never a raw path. A path no template matches gets no route: all
 * such requests share one series, however many distinct paths a scanner tries.
 */
final class RouteTable {

  private final List<Template> templates;

  RouteTable(List<String> routes) {
    List<Template> list = new ArrayList<>();
    for (String r : routes) {
      list.add(new Template(r));
    }
    // literal segments beat parameters: /users/me before /users/{id}
    list.sort(Comparator.comparingInt((Template t) -> -t.literals));
    this.templates = List.copyOf(list);
  }

  /** Checks a template at configuration time; the message says how to fix it. */
  static String validate(String template) {
    if (template == null || !template.startsWith("/")) {
      throw new IllegalArgumentException(
          "route template must start with '/', like /users/{id}; got '" + template + "'");
    }
    for (String segment : template.substring(1).split("/", -1)) {
      boolean open = segment.startsWith("{");
      boolean close = segment.endsWith("}");
      if (open != close
          || (open && segment.length() < 3)
          || (!open && (segment.contains("{") || segment.contains("}")))) {
        throw new IllegalArgumentException(
            "route template segment '"
                + segment
                + "' in '"
                + template
                + "': a parameter takes a whole segment, like /users/{id}");
      }
    }
    return template;
  }

  /** The template matching {@code path}, or null. */
  String match(String path) {
    int i = index(path);
    return i < 0 ? null : templates.get(i).route;
  }

  /** The position of the template matching {@code path} (see {@link #route(int)}), or -1. */
  int index(String path) {
    if (path == null) {
      return -1;
    }
    for (int i = 0; i < templates.size(); i++) {
      if (templates.get(i).matches(path)) {
        return i;
      }
    }
    return -1;
  }

  /** The template at {@code index}, as {@link #index(String)} numbers them. */
  String route(int index) {
    return templates.get(index).route;
  }

  /** How many templates there are. */
  int size() {
    return templates.size();
  }

  private static final class Template {
    final String route;
    final String[] segments;
    final int literals;

    Template(String route) {
      this.route = route;
      this.segments = route.substring(1).split("/", -1);
      int n = 0;
      for (String s : segments) {
        if (!s.startsWith("{")) {
          n++;
        }
      }
      this.literals = n;
    }

    /** Walks the path segment by segment without splitting it into new strings. */
    boolean matches(String path) {
      if (path.isEmpty() || path.charAt(0) != '/') {
        return false;
      }
      int pos = 1;
      for (int i = 0; i < segments.length; i++) {
        int end = path.indexOf('/', pos);
        if (end < 0) {
          end = path.length();
        }
        String seg = segments[i];
        if (seg.startsWith("{")) {
          if (end == pos) {
            return false;
          }
        } else if (end - pos != seg.length() || !path.regionMatches(pos, seg, 0, seg.length())) {
          return false;
        }
        boolean last = i == segments.length - 1;
        if (last) {
          return end == path.length();
        }
        if (end == path.length()) {
          return false;
        }
        pos = end + 1;
      }
      return false;
    }
  }
}
