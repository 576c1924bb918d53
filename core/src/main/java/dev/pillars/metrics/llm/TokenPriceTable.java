package dev.pillars.metrics.llm;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Per-model token prices, from which {@link LlmMetrics} derives the cost of each call. A model
 * without a price is never costed as 0: its calls are counted in {@code llm_unpriced_calls_total}
 * and warned about instead.
 *
 * <pre>{@code
 * TokenPriceTable prices = TokenPriceTable.builder()
 *     .price("gpt-4o", 2.50, 10.00)           // USD per million input / output tokens
 *     .price("claude-3-5-sonnet", 3.00, 15.00)
 *     .build();
 * }</pre>
 *
 * <p>Prices change; keep them in configuration with {@link #fromProperties(Reader)}.
 */
public final class TokenPriceTable {

  private static final TokenPriceTable EMPTY = new TokenPriceTable(Map.of());

  private final Map<String, ModelPrice> prices;

  private TokenPriceTable(Map<String, ModelPrice> prices) {
    this.prices = Map.copyOf(prices);
  }

  /** A table with no prices: every call is counted as unpriced. */
  public static TokenPriceTable empty() {
    return EMPTY;
  }

  /** Starts a table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a {@link Properties} file with two keys per model, {@code <model>.input} and
   * {@code <model>.output}, in USD per million tokens:
   *
   * <pre>
   * gpt-4o.input = 2.50
   * gpt-4o.output = 10.00
   * </pre>
   *
   * @throws IllegalArgumentException naming the key at fault, when a key is not of that form, a
   *     model lacks one of its two prices, or a price is not a non-negative number
   */
  public static TokenPriceTable fromProperties(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(Objects.requireNonNull(reader, "reader"));
    Builder b = builder();
    TreeSet<String> models = new TreeSet<>();
    for (String key : p.stringPropertyNames()) {
      int dot = key.lastIndexOf('.');
      String suffix = dot < 0 ? "" : key.substring(dot + 1);
      if (dot <= 0 || !(suffix.equals("input") || suffix.equals("output"))) {
        throw new IllegalArgumentException(
            "price key '" + key + "' must be '<model>.input' or '<model>.output'");
      }
      models.add(key.substring(0, dot));
    }
    for (String model : models) {
      b.price(model, number(p, model + ".input"), number(p, model + ".output"));
    }
    return b.build();
  }

  private static double number(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("price key '" + key + "' is missing");
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "price key '" + key + "' must be a number of USD per million tokens, got '" + v + "'",
          e);
    }
  }

  /** The price of {@code model}, if known. */
  public Optional<ModelPrice> find(String model) {
    return model == null ? Optional.empty() : Optional.ofNullable(prices.get(model));
  }

  /** Every price, by model. */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  /** Builds a {@link TokenPriceTable}. */
  public static final class Builder {
    private final Map<String, ModelPrice> prices = new LinkedHashMap<>();

    private Builder() {}

    /** Prices {@code model} in USD per million input and output tokens. */
    public Builder price(String model, double inputPerMillion, double outputPerMillion) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      prices.put(model, new ModelPrice(inputPerMillion, outputPerMillion));
      return this;
    }

    /** The table. */
    public TokenPriceTable build() {
      return new TokenPriceTable(prices);
    }
  }
}
