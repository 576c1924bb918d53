package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.at;
import static dev.pillars.examples.stack.StackFiles.list;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One PromQL expression the stack ships, and where: a dashboard panel's target or an alert rule.
 *
 * @param origin "file: panel title" or "file: alert name", for failure messages
 * @param expr the expression as shipped
 * @param alert whether it is an alert rule (whose expression ends in a threshold comparison)
 */
record PromQlExpression(String origin, String expr, boolean alert) {

  /** Every expression of every dashboard and every alert rule file. */
  static List<PromQlExpression> all() {
    List<PromQlExpression> out = new ArrayList<>(dashboards());
    out.addAll(alertRules());
    return out;
  }

  static List<PromQlExpression> dashboards() {
    List<PromQlExpression> out = new ArrayList<>();
    for (Path file : StackFiles.files(StackFiles.DASHBOARDS, ".json")) {
      for (Object panel : list(StackFiles.load(file), "panels")) {
        for (Object target : list(panel, "targets")) {
          out.add(
              new PromQlExpression(
                  file.getFileName() + ": " + at(panel, "title") + " " + at(target, "refId"),
                  (String) at(target, "expr"),
                  false));
        }
      }
    }
    return out;
  }

  static List<PromQlExpression> alertRules() {
    List<PromQlExpression> out = new ArrayList<>();
    for (Path file : StackFiles.files(StackFiles.RULES, ".yml")) {
      for (Object group : list(StackFiles.load(file), "groups")) {
        for (Object rule : list(group, "rules")) {
          out.add(
              new PromQlExpression(
                  file.getFileName() + ": " + at(rule, "alert"), (String) at(rule, "expr"), true));
        }
      }
    }
    return out;
  }

  /**
   * The part of an alert expression before its last top-level comparison ({@code x > 2} gives
   * {@code x}): that part must return data whether or not the alert fires.
   */
  String measured() {
    int depth = 0;
    boolean quoted = false;
    int cut = -1;
    for (int i = 0; i < expr.length(); i++) {
      char c = expr.charAt(i);
      if (c == '"' && (i == 0 || expr.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
        depth++;
      } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
        depth--;
      } else if (!quoted && depth == 0 && (c == '>' || c == '<')) {
        cut = i;
      }
    }
    return cut < 0 ? expr : expr.substring(0, cut).trim();
  }
}
