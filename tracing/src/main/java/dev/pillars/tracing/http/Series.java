package dev.pillars.tracing.http;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.incubator.metrics.BoundDoubleHistogram;
import io.opentelemetry.api.incubator.metrics.BoundLongHistogram;
import io.opentelemetry.api.incubator.metrics.ExtendedDoubleHistogram;
import io.opentelemetry.api.incubator.metrics.ExtendedLongHistogram;

/**
 * One request series of {@link HttpServerMeters}: its attributes and, when the SDK offers bound
 * instruments and the table still has room, the duration and body-size histograms bound to them.
 * The bound handles are all set or all null, but for the body sizes when the meters declare none
 * (then only the duration is bound).
 */
final class Series {

  final Attributes attributes;
  final BoundDoubleHistogram duration;
  final BoundLongHistogram requestSize;
  final BoundLongHistogram responseSize;

  Series(HttpServerMeters meters, Attributes attributes, boolean bind) {
    this.attributes = attributes;
    boolean sizes = meters.requestSize != null;
    boolean bindable =
        bind
            && meters.duration instanceof ExtendedDoubleHistogram
            && (!sizes
                || (meters.requestSize instanceof ExtendedLongHistogram
                    && meters.responseSize instanceof ExtendedLongHistogram));
    this.duration = bindable ? ((ExtendedDoubleHistogram) meters.duration).bind(attributes) : null;
    this.requestSize =
        bindable && sizes ? ((ExtendedLongHistogram) meters.requestSize).bind(attributes) : null;
    this.responseSize =
        bindable && sizes ? ((ExtendedLongHistogram) meters.responseSize).bind(attributes) : null;
  }
}
