package dev.pillars.kit;

import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Internal, not for public use. A self-metric counter without a reason: a {@link LongAdder} that
 * counts from the first event, published by {@link #bindTo(Meter)} through an observable counter
 * once an SDK exists. The reason-less sibling of {@link ReasonCounter}, for counts such as "lines
 * truncated" or "characters repaired".
 *
 * <pre>{@code
 * static final SelfCounter TRUNCATED = new SelfCounter("pillars.logging.truncated",
 *     "Log lines cut to the maximum line size, with a truncation marker.", "{line}");
 * TRUNCATED.increment();
 * }</pre>
 */
public final class SelfCounter {

  private final String name;
  private final String description;
  private final String unit;
  private final LongAdder count = new LongAdder();

  /**
   * A counter to be published as {@code name}.
   *
   * @param name the instrument name, such as {@code pillars.logging.truncated}
   * @param description the instrument's description (Prometheus {@code # HELP})
   * @param unit the instrument's unit such as {@code {line}}, or {@code ""} for none
   */
  public SelfCounter(String name, String description, String unit) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /** Counts one. */
  public void increment() {
    count.increment();
  }

  /**
   * Counts {@code n}.
   *
   * @param n how many, ignored unless positive
   */
  public void add(long n) {
    if (n > 0) {
      count.add(n);
    }
  }

  /**
   * The count so far (for tests and health checks).
   *
   * @return the count since the counter was made
   */
  public long count() {
    return count.sum();
  }

  /**
   * Publishes the count on {@code meter} through an observable counter; call it once per meter.
   *
   * @param meter the meter of the SDK that publishes the count
   * @return the registered instrument (close it to stop publishing)
   */
  public ObservableLongCounter bindTo(Meter meter) {
    LongCounterBuilder builder =
        Objects.requireNonNull(meter, "meter").counterBuilder(name).setDescription(description);
    if (!unit.isEmpty()) {
      builder.setUnit(unit);
    }
    return builder.buildWithCallback(m -> m.record(count.sum()));
  }

  /**
   * A name fit for messages.
   *
   * @return the instrument name
   */
  @Override
  public String toString() {
    return name;
  }
}
