package dev.pillars.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.Pillars;
import dev.pillars.metrics.llm.LlmCall;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OtlpReceiverGetsPipelineSpansWithParentsAndResource {

  /** Both OTLP transports Pillars configures: grpc (the default, port 4317) and http/protobuf. */
  @ParameterizedTest
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void smallPipelineArrivesWithParentLinksAndResource(String protocol) throws Exception {
    try (OtlpTraceReceiver receiver =
        protocol.equals("grpc") ? OtlpGrpcReceiver.start() : OtlpReceiver.start()) {
      try (Pillars pillars =
          Pillars.builder()
              .serviceName("otlp-test")
              .registerGlobal(false)
              .runtimeMetrics(false)
              .shutdownHook(false)
              .prometheusPort(0)
              .metricsExporters("prometheus")
              .otlpEndpoint(receiver.endpoint())
              .otlpProtocol(protocol)
              .build()) {
        PipelineTracing tracing = PipelineTracing.create(pillars);
        Pipeline p = tracing.pipeline("rag");
        try (StageScope run = p.start()) {
          p.stage("retrieve").run(() -> {});
          p.stage("generate")
              .run(
                  () -> {
                    try (LlmCall call = tracing.llmCall("chat", "anthropic", "claude-sonnet-4")) {
                      call.recordUsage(120, 40);
                    }
                  });
        }
      } // close() flushes the batch processor

      Map<String, Span> byName =
          receiver.spans().stream().collect(Collectors.toMap(Span::getName, Function.identity()));
      assertThat(byName).containsOnlyKeys("rag", "retrieve", "generate", "chat claude-sonnet-4");
      Span root = byName.get("rag");
      assertThat(root.getParentSpanId().isEmpty()).isTrue();
      assertThat(byName.get("retrieve").getParentSpanId()).isEqualTo(root.getSpanId());
      assertThat(byName.get("generate").getParentSpanId()).isEqualTo(root.getSpanId());
      assertThat(byName.get("chat claude-sonnet-4").getParentSpanId())
          .isEqualTo(byName.get("generate").getSpanId());
      assertThat(byName.get("chat claude-sonnet-4").getKind())
          .isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
      assertThat(byName.values())
          .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(root.getTraceId()));

      assertThat(receiver.received())
          .allSatisfy(
              rs ->
                  assertThat(
                          rs.getResource().getAttributesList().stream()
                              .filter(kv -> kv.getKey().equals("service.name"))
                              .map(KeyValue::getValue)
                              .map(v -> v.getStringValue()))
                      .containsExactly("otlp-test"));
    }
  }
}
