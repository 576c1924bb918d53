package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Reads a price file line by line, so every mistake is reported with its line number. */
final class PriceFileParser {

  private static final String[] FIELDS = {
    "input", "cached_input", "cache_write", "output", "reasoning"
  };

  private final String source;
  private final Map<String, double[]> models = new LinkedHashMap<>();
  private final Map<String, Integer> firstLine = new LinkedHashMap<>();
  private String currency;
  private LocalDate asOf;

  PriceFileParser(String source) {
    this.source = source;
  }

  void line(int number, String raw) {
    String line = stripComment(raw).trim();
    if (line.isEmpty()) {
      return;
    }
    String where = source + " line " + number;
    int eq = line.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          where + ": expected 'key = value', got '" + Text.printable(raw) + "'");
    }
    String key = line.substring(0, eq).trim();
    String value = line.substring(eq + 1).trim();
    if (key.equals("currency")) {
      currency = checkCurrency(value, where + ": currency");
      return;
    }
    if (key.equals("as-of")) {
      asOf = parseDate(value, where);
      return;
    }
    int dot = key.lastIndexOf('.');
    int field = dot <= 0 ? -1 : fieldIndex(key.substring(dot + 1));
    if (field < 0) {
      throw new IllegalArgumentException(
          where
              + ": key '"
              + Text.printable(key)
              + "' must be '<model>.<price>' with <price> one of"
              + " input, cached_input, cache_write, output, reasoning (or currency, as-of)");
    }
    double price;
    try {
      price = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where
              + ": '"
              + Text.printable(key)
              + "' must be a price per million tokens, got '"
              + Text.printable(value)
              + "'",
          e);
    }
    if (!(price >= 0 && Double.isFinite(price))) {
      throw new IllegalArgumentException(
          where + ": '" + Text.printable(key) + "' must be a finite price >= 0, got " + value);
    }
    String model = key.substring(0, dot);
    firstLine.putIfAbsent(model, number);
    double[] p = models.computeIfAbsent(model, m -> new double[] {-1, -1, -1, -1, -1});
    p[field] = price;
  }

  /** The file's currency, or null when it names none. */
  String currency() {
    return currency;
  }

  /** The file's as-of date, or null when it names none. */
  LocalDate asOf() {
    return asOf;
  }

  /** The prices by model, in file order; fails naming the line of a model missing a price. */
  Map<String, ModelPrice> prices() {
    Map<String, ModelPrice> out = new LinkedHashMap<>();
    for (Map.Entry<String, double[]> e : models.entrySet()) {
      double[] p = e.getValue();
      String model = e.getKey();
      if (p[0] < 0 || p[3] < 0) {
        throw new IllegalArgumentException(
            source
                + " line "
                + firstLine.get(model)
                + ": model '"
                + Text.printable(model)
                + "' needs both "
                + model
                + ".input and "
                + model
                + ".output");
      }
      ModelPrice price = ModelPrice.of(p[0], p[3]);
      if (p[1] >= 0) {
        price = price.withCachedInput(p[1]);
      }
      if (p[2] >= 0) {
        price = price.withCacheWrite(p[2]);
      }
      if (p[4] >= 0) {
        price = price.withReasoning(p[4]);
      }
      out.put(model, price);
    }
    return out;
  }

  private static int fieldIndex(String name) {
    for (int i = 0; i < FIELDS.length; i++) {
      if (FIELDS[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    return hash < 0 ? line : line.substring(0, hash);
  }

  static String checkCurrency(String code, String what) {
    Objects.requireNonNull(code, what);
    String upper = code.trim().toUpperCase(Locale.ROOT);
    try {
      Currency.getInstance(upper);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what + " '" + code + "' is not an ISO 4217 currency code; use USD, EUR, GBP, ...", e);
    }
    return upper;
  }

  static LocalDate parseDate(String text, String where) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": as-of must be a date like 2025-08-07, got '" + text + "'", e);
    }
  }
}
