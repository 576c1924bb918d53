package dev.pillars.kit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;

/**
 * Internal, not for public use. The one way a Pillars module counts what it dropped, repaired or
 * ignored instead of throwing: a self-metric counter with a {@code reason} attribute, and a
 * throttled warning per reason ({@link ThrottledWarning}).
 *
 * <p>Counts go to a {@link LongAdder} per reason ({@link #count}) and reach the SDK one of two
 * ways: with {@link Builder#countInto(Meter)} (core, tracing: the meter is known at start) each
 * count is also added to a synchronous counter, so counters of one name on one meter add up in one
 * stream; without it (logging: counts start before any SDK), {@link #bindTo(Meter)} publishes the
 * adders through an observable counter, once per meter. Only reasons counted at least once are
 * reported, unless {@link Builder#reportZeros()}.
 *
 * <pre>{@code
 * ReasonCounter<Reason> misuse =
 *     ReasonCounter.builder("pillars.tracing.misuse", Reason.class, r -> r.label)
 *         .description("...").logger(LOGGER).countInto(meter).build();
 * misuse.report(Reason.CLOSED_TWICE, "Pillars tracing: closed_twice: stage 'x' closed twice");
 * }</pre>
 *
 * @param <R> the enum of reasons
 */
public final class ReasonCounter<R extends Enum<R>> {

  /** The attribute that carries the reason label. */
  public static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  private final String name;
  private final String description;
  private final String unit;
  private final boolean reportZeros;
  private final R[] reasons;
  private final Attributes[] attributes;
  private final LongAdder[] counts;
  private final ThrottledWarning[] warnings;
  private final boolean doubles;
  private final LongCounter counter;
  private final DoubleCounter doubleCounter;

  private ReasonCounter(Builder<R> b) {
    this.name = b.name;
    this.description = b.description;
    this.unit = b.unit;
    this.reportZeros = b.reportZeros;
    this.reasons = b.type.getEnumConstants();
    this.attributes = new Attributes[reasons.length];
    this.counts = new LongAdder[reasons.length];
    this.warnings = new ThrottledWarning[reasons.length];
    for (R r : reasons) {
      int i = r.ordinal();
      attributes[i] = Attributes.of(REASON, Objects.requireNonNull(b.label.apply(r), "label"));
      counts[i] = new LongAdder();
      warnings[i] = b.logger == null ? null : new ThrottledWarning(b.logger, b.clock);
    }
    this.doubles = b.doubles;
    this.counter = b.meter == null || doubles ? null : instrument(b.meter).build();
    this.doubleCounter =
        b.meter == null || !doubles ? null : instrument(b.meter).ofDoubles().build();
  }

  /**
   * Starts a counter called {@code name} (an OpenTelemetry instrument name, such as {@code
   * pillars.tracing.misuse}) over the reasons of {@code type}.
   *
   * @param <R> the enum of reasons
   * @param name the instrument name
   * @param type the enum class of the reasons
   * @param label the {@code reason} attribute value of each reason
   * @return a builder
   */
  public static <R extends Enum<R>> Builder<R> builder(
      String name, Class<R> type, Function<R, String> label) {
    return new Builder<>(name, type, label);
  }

  /**
   * Counts one occurrence of {@code reason} and logs {@code message} within its reason's budget.
   *
   * @param reason why
   * @param message the whole warning line
   */
  public void report(R reason, String message) {
    add(reason, 1);
    warn(reason, message);
  }

  /**
   * Counts {@code n} occurrences of {@code reason}, without a warning.
   *
   * @param reason why
   * @param n how many, ignored unless positive
   */
  public void add(R reason, long n) {
    if (n <= 0) {
      return;
    }
    int i = reason.ordinal();
    counts[i].add(n);
    if (counter != null) {
      counter.add(n, attributes[i]);
    } else if (doubleCounter != null) {
      doubleCounter.add(n, attributes[i]);
    }
  }

  /**
   * Logs {@code message} within the budget of {@code reason}, without counting (for problems whose
   * measurements are counted later, when made). Does nothing when the builder had no logger.
   *
   * @param reason why
   * @param message the whole warning line
   */
  public void warn(R reason, String message) {
    ThrottledWarning w = warnings[reason.ordinal()];
    if (w != null) {
      w.warn(message);
    }
  }

  /**
   * What this counter has counted for {@code reason} (for tests and health checks).
   *
   * @param reason the reason
   * @return the count since the counter was built
   */
  public long count(R reason) {
    return counts[reason.ordinal()].sum();
  }

  /**
   * The attributes a count of {@code reason} is recorded with ({@code reason=<label>}).
   *
   * @param reason the reason
   * @return the prebuilt attributes
   */
  public Attributes attributes(R reason) {
    return attributes[reason.ordinal()];
  }

  /**
   * Publishes the counts on {@code meter} through an observable counter that reads them at each
   * collection. For a counter built without {@link Builder#countInto(Meter)}; call it once per
   * meter.
   *
   * @param meter the meter of the SDK that publishes the counts
   * @return the registered instrument (close it to stop publishing)
   * @throws IllegalStateException if this counter already counts into a meter
   */
  public AutoCloseable bindTo(Meter meter) {
    Objects.requireNonNull(meter, "meter");
    if (counter != null || doubleCounter != null) {
      throw new IllegalStateException(
          name + " already counts into a meter (countInto); binding it too would count twice");
    }
    if (doubles) {
      return instrument(meter)
          .ofDoubles()
          .buildWithCallback(m -> observe((a, v) -> m.record(v, a)));
    }
    return instrument(meter).buildWithCallback(m -> observe((a, v) -> m.record(v, a)));
  }

  private void observe(ObjLongConsumer<Attributes> sink) {
    for (int i = 0; i < counts.length; i++) {
      long v = counts[i].sum();
      if (v > 0 || reportZeros) {
        sink.accept(attributes[i], v);
      }
    }
  }

  private LongCounterBuilder instrument(Meter meter) {
    LongCounterBuilder builder = meter.counterBuilder(name).setDescription(description);
    return unit.isEmpty() ? builder : builder.setUnit(unit);
  }

  /**
   * Configures a {@link ReasonCounter}; setters return {@code this}.
   *
   * @param <R> the enum of reasons
   */
  public static final class Builder<R extends Enum<R>> {
    private final String name;
    private final Class<R> type;
    private final Function<R, String> label;
    private String description = "";
    private String unit = "";
    private Logger logger;
    private LongSupplier clock = System::nanoTime;
    private Meter meter;
    private boolean reportZeros;
    private boolean doubles;

    private Builder(String name, Class<R> type, Function<R, String> label) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
      this.label = Objects.requireNonNull(label, "label");
    }

    /**
     * The instrument's description (Prometheus {@code # HELP}).
     *
     * @param description the text
     * @return this
     */
    public Builder<R> description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * The instrument's unit, such as {@code {event}}; none by default.
     *
     * @param unit the UCUM unit
     * @return this
     */
    public Builder<R> unit(String unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    /**
     * Where {@link ReasonCounter#report} and {@link ReasonCounter#warn} write their throttled
     * warnings; without one, the counter only counts.
     *
     * @param logger the logger
     * @return this
     */
    public Builder<R> logger(Logger logger) {
      this.logger = Objects.requireNonNull(logger, "logger");
      return this;
    }

    /**
     * The warnings' clock (for tests); default {@code System::nanoTime}.
     *
     * @param nanoClock a monotonic clock in nanoseconds
     * @return this
     */
    public Builder<R> clock(LongSupplier nanoClock) {
      this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
      return this;
    }

    /**
     * Adds every count to a synchronous counter of {@code meter} as it happens.
     *
     * @param meter the meter of the SDK that publishes the counts
     * @return this
     */
    public Builder<R> countInto(Meter meter) {
      this.meter = Objects.requireNonNull(meter, "meter");
      return this;
    }

    /**
     * Records into a double-valued counter (Prometheus writes {@code 1.0}), as the metrics facade's
     * counters are; long-valued ({@code 1}) by default.
     *
     * @return this
     */
    public Builder<R> ofDoubles() {
      this.doubles = true;
      return this;
    }

    /**
     * Makes {@link ReasonCounter#bindTo(Meter)} report every reason, zeros included.
     *
     * @return this
     */
    public Builder<R> reportZeros() {
      this.reportZeros = true;
      return this;
    }

    /**
     * Builds the counter; with {@link #countInto(Meter)}, its instrument is registered now.
     *
     * @return the counter
     */
    public ReasonCounter<R> build() {
      return new ReasonCounter<>(this);
    }
  }
}
