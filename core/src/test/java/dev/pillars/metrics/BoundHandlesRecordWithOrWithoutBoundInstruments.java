package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleCounter;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogram;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: bound handles record through the SDK's own bound instruments (incubator API) when the
 * meter has them, and through a per-call add with attributes when it has not (an OpenTelemetry from
 * the Java agent, say); both ways record exactly the same data and count the same bad input.
 */
class BoundHandlesRecordWithOrWithoutBoundInstruments {

  private static final SpanContext SAMPLED =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  @Test
  void theSdksInstrumentsAreBoundAndPlainOnesAreNot() {
    try (MetricsFixture sdk = new MetricsFixture();
        MetricsFixture plain = new MetricsFixture(Metrics.DEFAULT_CARDINALITY_LIMIT, true)) {
      DoubleCounter sdkCounter = sdk.metrics.meter().counterBuilder("a").ofDoubles().build();
      DoubleCounter plainCounter = plain.metrics.meter().counterBuilder("a").ofDoubles().build();
      DoubleHistogram sdkHistogram = sdk.metrics.meter().histogramBuilder("b").build();
      DoubleHistogram plainHistogram = plain.metrics.meter().histogramBuilder("b").build();
      assertThat(sdkCounter).isInstanceOf(ExtendedDoubleCounter.class);
      assertThat(sdkHistogram).isInstanceOf(ExtendedDoubleHistogram.class);
      assertThat(plainCounter).isNotInstanceOf(ExtendedDoubleCounter.class);
      assertThat(plainHistogram).isNotInstanceOf(ExtendedDoubleHistogram.class);

      Attributes a = attrs("k", "v");
      assertThat(BoundCounter.bind(sdkCounter, a).getClass().getName())
          .startsWith("io.opentelemetry.sdk.metrics.");
      assertThat(BoundHistogram.bind(sdkHistogram, a).getClass().getName())
          .startsWith("io.opentelemetry.sdk.metrics.");
      assertThat(BoundCounter.bind(plainCounter, a).getClass().getName())
          .isEqualTo(BoundCounter.class.getName() + "$PerCallAdd");
      assertThat(BoundHistogram.bind(plainHistogram, a).getClass().getName())
          .isEqualTo(BoundHistogram.class.getName() + "$PerCallRecord");
    }
  }

  @Test
  void withoutBoundInstrumentsEveryMeasurementStillArrives() {
    try (MetricsFixture plain = new MetricsFixture(2, true)) {
      Counter requests = plain.metrics.counter(StandardMetrics.REQUEST_COUNT);
      BoundCounter ok = requests.labels("/q", "GET", "200");
      ok.increment();
      ok.increment(2.5);
      requests.labels("/a", "GET", "200").increment();
      requests.labels("/b", "GET", "200").increment(); // past the limit of 2
      BoundHistogram h = plain.metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("s", "d");
      h.record(0.25, Context.root().with(Span.wrap(SAMPLED)));
      h.record(-1);

      // first: exemplars are those since the last collection
      var point = plain.histogram("retrieval_time", attrs("operation", "s", "source", "d"));
      assertThat(point).hasValueSatisfying(p -> assertThat(p.getSum()).isEqualTo(0.25));
      assertThat(point.orElseThrow().getExemplars())
          .singleElement()
          .satisfies(
              e -> assertThat(e.getSpanContext().getSpanId()).isEqualTo(SAMPLED.getSpanId()));
      assertThat(
              plain.sum("request_count", attrs("endpoint", "/q", "method", "GET", "status", "200")))
          .isEqualTo(3.5);
      assertThat(plain.sum("request_count", Attributes.of(SeriesRegistry.OVERFLOW, true)))
          .isEqualTo(1.0);
      assertThat(plain.selfCount("pillars.metrics.overflow", attrs("metric", "request_count")))
          .isEqualTo(1);
      assertThat(plain.dropped("negative_value")).isEqualTo(1);
    }
  }

  @Test
  void bothWaysRecordTheSameData() {
    Consumer<Metrics> scenario =
        metrics -> {
          Counter requests = metrics.counter(StandardMetrics.REQUEST_COUNT);
          BoundCounter ok = requests.labels("/q", "GET", "200");
          ok.increment();
          ok.increment(0.5);
          ok.increment(Double.NaN);
          ok.increment(-1);
          ok.increment(Double.POSITIVE_INFINITY);
          for (int i = 0; i < 5; i++) {
            requests.labels("/p" + i, "GET", "200").increment(i);
          }
          requests.labels("/q", "GET").increment();
          BoundHistogram h = metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("s", "d");
          h.record(0.1);
          h.record(0.2, Context.root().with(Span.wrap(SAMPLED)));
          h.recordNanos(3_000_000L);
          h.record(Double.NaN);
          BoundGauge g = metrics.gauge(StandardMetrics.QUEUE_SIZE).labels("ingest");
          g.set(4);
          g.add(Double.NaN);
          metrics.incrementCounter("jobs", "queue", "a");
          metrics.recordHistogram("request_duration", 0.3, "endpoint", "/q", "method", "GET");
          metrics.close();
          ok.increment();
          h.record(1);
          g.set(9);
        };
    try (MetricsFixture sdk = new MetricsFixture(3);
        MetricsFixture plain = new MetricsFixture(3, true)) {
      scenario.accept(sdk.metrics);
      scenario.accept(plain.metrics);
      String expected = sdk.snapshot();
      assertThat(expected)
          .contains("request_count{endpoint=\"/q\", method=\"GET\", status=\"200\"} 1.5")
          .contains("pillars.metrics.dropped{reason=\"after_close\"} 3");
      assertThat(plain.snapshot()).isEqualTo(expected);
    }
  }
}
