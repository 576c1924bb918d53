package dev.pillars.metrics.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-model token prices in one currency, from which {@link LlmMetrics} derives the cost of each
 * call. A model without a price is never costed as 0: its calls are counted in {@code
 * llm_unpriced_calls_total}, warned about, and their cost is an empty {@code OptionalDouble}.
 *
 * <pre>{@code
 * TokenPriceTable prices = TokenPriceTable.builder()
 *     .putAll(TokenPriceTable.bundled())                  // opt in to the shipped prices
 *     .price("gpt-4o", 2.50, 10.00)                       // per million input / output tokens
 *     .price("claude-sonnet-4", ModelPrice.of(3.00, 15.00).withCachedInput(0.30).withCacheWrite(3.75))
 *     .build();
 * }</pre>
 *
 * <p>A price file ({@link #load(Path)}, {@link #fromProperties(Reader)}) has one {@code key =
 * value} a line; {@code #} starts a comment:
 *
 * <pre>
 * as-of = 2025-08-07            # when the prices were taken (optional)
 * currency = USD                # ISO 4217 code (optional, default USD)
 * gpt-4o.input = 2.50           # per million tokens: input and output are required,
 * gpt-4o.cached_input = 1.25    # cached_input and cache_write default to input,
 * gpt-4o.output = 10.00         # reasoning defaults to output
 * </pre>
 *
 * A malformed file fails to load with an {@link IllegalArgumentException} naming the line. A model
 * name that ends in a snapshot date ({@code claude-sonnet-4-20250514}, {@code gpt-4o-2024-08-06})
 * falls back to the undated entry when it has none of its own.
 */
public final class TokenPriceTable {

  /** The currency of a table that names none. */
  public static final String DEFAULT_CURRENCY = "USD";

  /** Where the bundled price file is, on the class path. */
  public static final String BUNDLED_RESOURCE = "/dev/pillars/metrics/llm/token-prices.properties";

  private static final TokenPriceTable EMPTY =
      new TokenPriceTable(Map.of(), DEFAULT_CURRENCY, null);
  private static final Pattern DATED_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");

  private final Map<String, ModelPrice> prices;
  private final String currency;
  private final LocalDate asOf;

  private TokenPriceTable(Map<String, ModelPrice> prices, String currency, LocalDate asOf) {
    this.prices = Map.copyOf(prices);
    this.currency = currency;
    this.asOf = asOf;
  }

  /** A table with no prices: every call that uses tokens is counted as unpriced. */
  public static TokenPriceTable empty() {
    return EMPTY;
  }

  /** Starts a table. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The price file shipped with Pillars: common OpenAI, Anthropic and Google models in USD, stamped
   * with the date the prices were taken ({@link #asOf()}). Prices change: check them, and override
   * what differs with {@link Builder#price}. Used only when you choose it.
   */
  public static TokenPriceTable bundled() {
    return Bundled.TABLE;
  }

  /** Reads a price file (UTF-8); see the class description for its format. */
  public static TokenPriceTable load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    }
  }

  /** Reads a price file; see the class description for its format. */
  public static TokenPriceTable fromProperties(Reader reader) throws IOException {
    return parse(Objects.requireNonNull(reader, "reader"), "price file");
  }

  private static TokenPriceTable parse(Reader reader, String source) throws IOException {
    PriceFileParser parser = new PriceFileParser(source);
    BufferedReader lines = new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = lines.readLine()) != null) {
      parser.line(++number, line);
    }
    Builder b = builder();
    if (parser.currency() != null) {
      b.currency(parser.currency());
    }
    if (parser.asOf() != null) {
      b.asOf(parser.asOf());
    }
    parser.prices().forEach(b::price);
    return b.build();
  }

  /** The price of {@code model}, or of its undated name; empty when it has none. */
  public Optional<ModelPrice> find(String model) {
    if (model == null) {
      return Optional.empty();
    }
    ModelPrice p = prices.get(model);
    if (p == null && model.length() > 9) {
      var m = DATED_SUFFIX.matcher(model);
      if (m.find()) {
        p = prices.get(model.substring(0, m.start()));
      }
    }
    return Optional.ofNullable(p);
  }

  /** Every price, by model. */
  public Map<String, ModelPrice> prices() {
    return prices;
  }

  /** The ISO 4217 code of the prices, the {@code currency} label of {@code llm_cost_total}. */
  public String currency() {
    return currency;
  }

  /** When the prices were taken, if the table says. */
  public Optional<LocalDate> asOf() {
    return Optional.ofNullable(asOf);
  }

  /** Builds a {@link TokenPriceTable}; later prices of a model replace earlier ones. */
  public static final class Builder {
    private final Map<String, ModelPrice> prices = new LinkedHashMap<>();
    private String currency;
    private LocalDate asOf;

    private Builder() {}

    /** The ISO 4217 currency code of every price (default USD). */
    public Builder currency(String code) {
      this.currency = PriceFileParser.checkCurrency(code, "currency");
      return this;
    }

    /** When the prices were taken. */
    public Builder asOf(LocalDate date) {
      this.asOf = Objects.requireNonNull(date, "date");
      return this;
    }

    /** Prices {@code model} per million input and output tokens. */
    public Builder price(String model, double inputPerMillion, double outputPerMillion) {
      return price(model, ModelPrice.of(inputPerMillion, outputPerMillion));
    }

    /** Prices {@code model}, replacing any earlier price of it. */
    public Builder price(String model, ModelPrice price) {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(price, "price");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      prices.put(model, price);
      return this;
    }

    /**
     * Adds every price of {@code table}, replacing earlier prices of the same models; takes its
     * currency and date unless set. Tables in different currencies cannot be mixed.
     */
    public Builder putAll(TokenPriceTable table) {
      Objects.requireNonNull(table, "table");
      if (!table.prices.isEmpty()) {
        if (currency != null && !currency.equals(table.currency)) {
          throw new IllegalArgumentException(
              "cannot mix prices in "
                  + currency
                  + " and "
                  + table.currency
                  + "; convert one table or keep two LlmMetrics");
        }
        currency = table.currency;
      }
      if (asOf == null) {
        asOf = table.asOf;
      }
      prices.putAll(table.prices);
      return this;
    }

    /** The table. */
    public TokenPriceTable build() {
      return new TokenPriceTable(prices, currency == null ? DEFAULT_CURRENCY : currency, asOf);
    }
  }

  /** The bundled table, loaded when first asked for. */
  private static final class Bundled {
    static final TokenPriceTable TABLE = loadBundled();

    private static TokenPriceTable loadBundled() {
      try (InputStream in = TokenPriceTable.class.getResourceAsStream(BUNDLED_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from pillars-core");
        }
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED_RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
