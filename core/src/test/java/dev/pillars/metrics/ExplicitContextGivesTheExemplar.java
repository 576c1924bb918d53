package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code BoundHistogram.record(value, context)}: the given context, not the current one. */
class ExplicitContextGivesTheExemplar {

  private static final SpanContext SAMPLED =
      SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736",
          "00f067aa0ba902b7",
          TraceFlags.getSampled(),
          TraceState.getDefault());

  private final MetricsFixture f = new MetricsFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theSampleCarriesTheSpanOfTheGivenContextWhileNoneIsCurrent() {
    BoundHistogram h = f.metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("search", "docs");
    assertThat(Span.current().getSpanContext().isValid()).isFalse();

    h.recordNanos(20_000_000L, Context.root().with(Span.wrap(SAMPLED)));

    HistogramPointData point =
        f.histogram("retrieval_time", attrs("operation", "search", "source", "docs")).orElseThrow();
    assertThat(point.getSum()).isEqualTo(0.02);
    assertThat(point.getExemplars())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getValue()).isEqualTo(0.02);
              assertThat(e.getSpanContext().getTraceId()).isEqualTo(SAMPLED.getTraceId());
              assertThat(e.getSpanContext().getSpanId()).isEqualTo(SAMPLED.getSpanId());
            });
  }

  @Test
  void aNullContextMeansTheCurrentOne() {
    BoundHistogram h = f.metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("search", "docs");

    try (var ignored = Context.root().with(Span.wrap(SAMPLED)).makeCurrent()) {
      h.record(0.5, null);
    }

    HistogramPointData point =
        f.histogram("retrieval_time", attrs("operation", "search", "source", "docs")).orElseThrow();
    assertThat(point.getCount()).isEqualTo(1);
    assertThat(point.getExemplars())
        .singleElement()
        .satisfies(e -> assertThat(e.getSpanContext().getSpanId()).isEqualTo(SAMPLED.getSpanId()));
  }

  @Test
  void badValuesAreDroppedAndCountedAsWithoutAContext() {
    BoundHistogram h = f.metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("search", "docs");
    Context context = Context.root().with(Span.wrap(SAMPLED));

    h.record(-1, context);
    h.record(Double.NaN, context);

    assertThat(f.histogram("retrieval_time", attrs("operation", "search", "source", "docs")))
        .isEmpty();
    assertThat(f.dropped("negative_value")).isEqualTo(1);
    assertThat(f.dropped("non_finite_value")).isEqualTo(1);
  }
}
