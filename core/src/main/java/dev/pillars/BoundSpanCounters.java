package dev.pillars;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundLongCounter;
import io.opentelemetry.api.incubator.metrics.BoundLongUpDownCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedLongCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedLongUpDownCounter;
import io.opentelemetry.api.metrics.BatchCallback;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.api.metrics.ObservableMeasurement;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;

/**
 * The meters the SDK's tracer counts its own spans into ({@code otel.sdk.span.started}, {@code
 * otel.sdk.span.live}, with {@code otel.experimental.sdk.telemetry.version=latest}): the SDK's
 * meter provider, except that its counters and up-down counters bind, on first use, each attribute
 * set they are given. The tracer passes one of a handful of constant sets, three times a span
 * (started +1, live +1, live -1); through the unbound path each of those is a map lookup by
 * attributes, together about 100 ns a span on the reference VM, and bound each is an add.
 *
 * <p>Sets are matched by reference, so equal sets made anew on each call are not bound: past {@link
 * Bindings#MAX} sets an instrument records through the SDK's unbound path, as it would without this
 * class. Everything else (histograms, gauges, callbacks, {@code isEnabled}) is the SDK's own.
 */
final class BoundSpanCounters implements MeterProvider {

  private final MeterProvider meters;

  BoundSpanCounters(MeterProvider meters) {
    this.meters = meters;
  }

  @Override
  public MeterBuilder meterBuilder(String instrumentationScopeName) {
    return new BindingMeterBuilder(meters.meterBuilder(instrumentationScopeName));
  }

  private record BindingMeterBuilder(MeterBuilder builder) implements MeterBuilder {
    @Override
    public MeterBuilder setSchemaUrl(String schemaUrl) {
      return new BindingMeterBuilder(builder.setSchemaUrl(schemaUrl));
    }

    @Override
    public MeterBuilder setInstrumentationVersion(String version) {
      return new BindingMeterBuilder(builder.setInstrumentationVersion(version));
    }

    @Override
    public Meter build() {
      return new BindingMeter(builder.build());
    }
  }

  private record BindingMeter(Meter meter) implements Meter {
    @Override
    public LongCounterBuilder counterBuilder(String name) {
      return new CounterBuilder(meter.counterBuilder(name));
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
      return new UpDownCounterBuilder(meter.upDownCounterBuilder(name));
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
      return meter.histogramBuilder(name);
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
      return meter.gaugeBuilder(name);
    }

    @Override
    public BatchCallback batchCallback(
        Runnable callback,
        ObservableMeasurement observableMeasurement,
        ObservableMeasurement... additionalMeasurements) {
      return meter.batchCallback(callback, observableMeasurement, additionalMeasurements);
    }
  }

  private record CounterBuilder(LongCounterBuilder builder) implements LongCounterBuilder {
    @Override
    public LongCounterBuilder setDescription(String description) {
      return new CounterBuilder(builder.setDescription(description));
    }

    @Override
    public LongCounterBuilder setUnit(String unit) {
      return new CounterBuilder(builder.setUnit(unit));
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      return builder.ofDoubles();
    }

    @Override
    public LongCounter build() {
      LongCounter counter = builder.build();
      return counter instanceof ExtendedLongCounter extended
          ? new BindingCounter(extended)
          : counter;
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return builder.buildWithCallback(callback);
    }

    @Override
    public ObservableLongMeasurement buildObserver() {
      return builder.buildObserver();
    }
  }

  private record UpDownCounterBuilder(LongUpDownCounterBuilder builder)
      implements LongUpDownCounterBuilder {
    @Override
    public LongUpDownCounterBuilder setDescription(String description) {
      return new UpDownCounterBuilder(builder.setDescription(description));
    }

    @Override
    public LongUpDownCounterBuilder setUnit(String unit) {
      return new UpDownCounterBuilder(builder.setUnit(unit));
    }

    @Override
    public DoubleUpDownCounterBuilder ofDoubles() {
      return builder.ofDoubles();
    }

    @Override
    public LongUpDownCounter build() {
      LongUpDownCounter counter = builder.build();
      return counter instanceof ExtendedLongUpDownCounter extended
          ? new BindingUpDownCounter(extended)
          : counter;
    }

    @Override
    public ObservableLongUpDownCounter buildWithCallback(
        Consumer<ObservableLongMeasurement> callback) {
      return builder.buildWithCallback(callback);
    }

    @Override
    public ObservableLongMeasurement buildObserver() {
      return builder.buildObserver();
    }
  }

  private static final class BindingCounter implements LongCounter {
    private final ExtendedLongCounter counter;
    private final Bindings<BoundLongCounter> bound;

    BindingCounter(ExtendedLongCounter counter) {
      this.counter = counter;
      this.bound = new Bindings<>(counter::bind);
    }

    @Override
    public boolean isEnabled() {
      return counter.isEnabled();
    }

    @Override
    public void add(long value) {
      counter.add(value);
    }

    @Override
    public void add(long value, Attributes attributes) {
      BoundLongCounter b = bound.of(attributes);
      if (b != null) {
        b.add(value);
      } else {
        counter.add(value, attributes);
      }
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      BoundLongCounter b = bound.of(attributes);
      if (b != null) {
        b.add(value, context);
      } else {
        counter.add(value, attributes, context);
      }
    }
  }

  private static final class BindingUpDownCounter implements LongUpDownCounter {
    private final ExtendedLongUpDownCounter counter;
    private final Bindings<BoundLongUpDownCounter> bound;

    BindingUpDownCounter(ExtendedLongUpDownCounter counter) {
      this.counter = counter;
      this.bound = new Bindings<>(counter::bind);
    }

    @Override
    public boolean isEnabled() {
      return counter.isEnabled();
    }

    @Override
    public void add(long value) {
      counter.add(value);
    }

    @Override
    public void add(long value, Attributes attributes) {
      BoundLongUpDownCounter b = bound.of(attributes);
      if (b != null) {
        b.add(value);
      } else {
        counter.add(value, attributes);
      }
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      BoundLongUpDownCounter b = bound.of(attributes);
      if (b != null) {
        b.add(value, context);
      } else {
        counter.add(value, attributes, context);
      }
    }
  }
}
