package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracePropagationCarriesTraceparent {

  private final TracingFixture fx = new TracingFixture();
  private final TracePropagation propagation = TracePropagation.create(fx.pillars.openTelemetry());

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void injectAddsTheCurrentStageAsW3cTraceparent() {
    HttpRequest request;
    SpanContext stage;
    try (StageScope s = fx.tracing.pipeline("rag").open("retrieve")) {
      stage = s.span().getSpanContext();
      request =
          propagation
              .inject(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/x")))
              .GET()
              .build();
    }
    assertThat(request.headers().firstValue("traceparent"))
        .hasValue(
            "00-"
                + stage.getTraceId()
                + "-"
                + stage.getSpanId()
                + "-"
                + stage.getTraceFlags().asHex());
  }

  @Test
  void extractReadsHeadersCaseInsensitivelyAndIgnoresGarbage() {
    Context ctx =
        propagation.extract(
            Map.of(
                "Traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
    SpanContext remote = Span.fromContext(ctx).getSpanContext();
    assertThat(remote.isRemote()).isTrue();
    assertThat(remote.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

    Context garbage = propagation.extract(Map.of("traceparent", List.of("not-a-traceparent")));
    assertThat(Span.fromContext(garbage).getSpanContext().isValid()).isFalse();
  }
}
