package dev.pillars.tracing.http;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.instrumentation.api.instrumenter.SpanStatusBuilder;

/**
 * Where the HTTP conventions' extractors write for the JDK filter: straight onto the span's builder
 * at start, then onto the span at end. The instrumentation API's {@code Instrumenter} collects the
 * same attributes in a map of its own first and copies them over, twice a request; this skips the
 * copy. Null keys and values are ignored, as the SDK ignores them.
 *
 * <p>Write-only: {@link #build()} is never called by the extractors and returns empty attributes.
 */
final class SpanAttributesWriter implements AttributesBuilder, SpanStatusBuilder {

  private final SpanBuilder builder;
  private final Span span;

  /** Writes onto a span not started yet, where the sampler sees the attributes. */
  SpanAttributesWriter(SpanBuilder builder) {
    this.builder = builder;
    this.span = null;
  }

  /** Writes onto a started span; its status too. */
  SpanAttributesWriter(Span span) {
    this.builder = null;
    this.span = span;
  }

  @Override
  public <T> AttributesBuilder put(AttributeKey<T> key, T value) {
    if (key == null || value == null) {
      return this;
    }
    if (span != null) {
      span.setAttribute(key, value);
    } else {
      builder.setAttribute(key, value);
    }
    return this;
  }

  @Override
  public <T> AttributesBuilder put(AttributeKey<Long> key, int value) {
    return put(key, (long) value);
  }

  @Override
  public AttributesBuilder putAll(Attributes attributes) {
    if (attributes != null) {
      attributes.forEach(this::putUnchecked);
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  private void putUnchecked(AttributeKey<?> key, Object value) {
    put((AttributeKey<Object>) key, value);
  }

  @Override
  public Attributes build() {
    return Attributes.empty();
  }

  @Override
  public SpanStatusBuilder setStatus(StatusCode code, String description) {
    if (span != null) {
      span.setStatus(code, description);
    }
    return this;
  }
}
