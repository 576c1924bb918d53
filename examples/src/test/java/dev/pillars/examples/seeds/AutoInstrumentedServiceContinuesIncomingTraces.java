package dev.pillars.examples.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoInstrumentedServiceContinuesIncomingTraces {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_ID = "00f067aa0ba902b7";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aChatRequestGetsHttpMetricsAServerSpanUnderTheCallersTraceStagesAndLlmCost()
      throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (Pillars pillars = SeedPillars.with(spans);
        AutoInstrumentedService service = AutoInstrumentedService.start(pillars, "127.0.0.1", 0)) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(service.baseUri().resolve("/chat"))
                  .timeout(Duration.ofSeconds(10))
                  .header("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"trace_id\":\"" + TRACE_ID + "\"");
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(service.baseUri().resolve("/health")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      List<SpanData> all = spans.getFinishedSpanItems();
      SpanData server =
          all.stream()
              .filter(s -> s.getKind() == SpanKind.SERVER)
              .filter(s -> s.getTraceId().equals(TRACE_ID))
              .findFirst()
              .orElseThrow();
      assertThat(server.getName()).isEqualTo("POST /chat");
      assertThat(server.getParentSpanId()).isEqualTo(PARENT_ID);
      assertThat(server.getParentSpanContext().isRemote()).isTrue();
      for (String stage : List.of("retrieve", "generate")) {
        assertThat(all)
            .filteredOn(s -> s.getName().equals(stage))
            .singleElement()
            .satisfies(s -> assertThat(s.getParentSpanId()).isEqualTo(server.getSpanId()));
      }
      // /health is excluded by default: no span, no series
      assertThat(all).filteredOn(s -> s.getKind() == SpanKind.SERVER).hasSize(1);

      String text = pillars.metricsText();
      assertThat(text)
          .containsPattern(
              "http_server_request_duration_seconds_count\\{[^}]*"
                  + "http_request_method=\"POST\",http_response_status_code=\"200\","
                  + "http_route=\"/chat\"[^}]*} 1")
          .contains("http_server_active_requests{")
          .doesNotContain("/health")
          .containsPattern(
              "pipeline_stage_duration_seconds_count\\{[^}]*pipeline=\"chat\","
                  + "stage=\"generate\"} 1")
          .contains(
              "llm_cost_total{currency=\"USD\",gen_ai_provider_name=\"openai\","
                  + "gen_ai_request_model=\"gpt-4o\",otel_scope_name=\"dev.pillars\"}")
          .doesNotContain("pillars_metrics_dropped_total");
    }
  }
}
