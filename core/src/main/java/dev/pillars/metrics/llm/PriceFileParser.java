package dev.pillars.metrics.llm;

import dev.pillars.kit.Text;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

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
      currency = TokenPriceTable.checkCurrency(value, where + ": currency");
      return;
    }
    if (key.equals("as-of")) {
      asOf = TokenPriceTable.parseDate(value, where);
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

  TokenPriceTable table() {
    TokenPriceTable.Builder b = TokenPriceTable.builder();
    if (currency != null) {
      b.currency(currency);
    }
    if (asOf != null) {
      b.asOf(asOf);
    }
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
      b.price(model, price);
    }
    return b.build();
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
}
