package dev.pillars.metrics.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.pillars.metrics.Metrics;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.io.StringReader;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmMetricsCostAndUsage {

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
          .build();
  private final TokenPriceTable prices =
      TokenPriceTable.builder().price("gpt-4o", 2.50, 10.00).price("claude-3", 3.00, 15.00).build();
  private final LlmMetrics llm = LlmMetrics.create(Metrics.builder(sdk).build(), prices);

  @AfterEach
  void close() {
    sdk.close();
  }

  private static Attributes a(String... kv) {
    var b = Attributes.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.put(kv[i], kv[i + 1]);
    }
    return b.build();
  }

  private double sum(Collection<MetricData> data, String name, Attributes attributes) {
    return data.stream()
        .filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getDoubleSumData().getPoints().stream())
        .filter(p -> p.getAttributes().equals(attributes))
        .mapToDouble(p -> p.getValue())
        .sum();
  }

  @Test
  void costIsTokensTimesPricePerMillion() {
    var cost = llm.recordCall(LlmCall.builder("openai", "gpt-4o").inputTokens(1000).outputTokens(500).build());
    // 1000 * 2.50 / 1e6 + 500 * 10.00 / 1e6 = 0.0025 + 0.005
    assertThat(cost).hasValueSatisfying(c -> assertThat(c).isCloseTo(0.0075, within(1e-12)));
    llm.recordCall(LlmCall.builder("anthropic", "claude-3").inputTokens(2_000_000).outputTokens(0).build());

    var data = reader.collectAllMetrics();
    assertThat(sum(data, "llm.cost.usd", a("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o")))
        .isCloseTo(0.0075, within(1e-12));
    assertThat(sum(data, "llm.cost.usd", a("gen_ai.provider.name", "anthropic", "gen_ai.request.model", "claude-3")))
        .isCloseTo(6.0, within(1e-9));
  }

  @Test
  void anUnpricedModelIsCountedNeverCostedAsZero() {
    var cost = llm.recordCall(LlmCall.builder("openai", "gpt-9").inputTokens(10).outputTokens(10).build());
    assertThat(cost).isEmpty();
    var data = reader.collectAllMetrics();
    assertThat(sum(data, "llm.unpriced_calls", a("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-9")))
        .isEqualTo(1.0);
    assertThat(data.stream().filter(m -> m.getName().equals("llm.cost.usd"))
        .flatMap(m -> m.getDoubleSumData().getPoints().stream()))
        .isEmpty();
  }

  @Test
  void tokensAreRecordedByTypeAndFailuresByErrorType() {
    llm.recordCall(LlmCall.builder("openai", "gpt-4o").inputTokens(512).outputTokens(128)
        .durationNanos(840_000_000L).build());
    llm.recordCall(LlmCall.builder("openai", "gpt-4o").durationNanos(100_000_000L)
        .errorType("RateLimitError").build());
    var data = reader.collectAllMetrics();
    var tokens = data.stream().filter(m -> m.getName().equals("gen_ai.client.token.usage")).findFirst().orElseThrow();
    assertThat(tokens.getHistogramData().getPoints())
        .anySatisfy(p -> {
          assertThat(p.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("gen_ai.token.type")))
              .isEqualTo("input");
          assertThat(p.getSum()).isEqualTo(512.0);
        })
        .anySatisfy(p -> assertThat(p.getSum()).isEqualTo(128.0));
    var duration = data.stream().filter(m -> m.getName().equals("gen_ai.client.operation.duration")).findFirst().orElseThrow();
    assertThat(duration.getHistogramData().getPoints()).hasSize(2)
        .anySatisfy(p -> assertThat(p.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("error.type")))
            .isEqualTo("RateLimitError"))
        .anySatisfy(p -> assertThat(p.getSum()).isCloseTo(0.84, within(1e-9)));
    assertThat(sum(data, "llm.errors",
        a("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o", "error.type", "RateLimitError")))
        .isEqualTo(1.0);
  }

  @Test
  void monitoredQueriesRecordLatencyStatusActiveRelevanceAndCache() {
    String answer = llm.monitorQuery("rag_pipeline", q -> {
      q.cacheLookup("semantic", false);
      q.relevance(0.82);
      q.llmCall(LlmCall.builder("openai", "gpt-4o").inputTokens(100).outputTokens(10).build());
      return "answer";
    });
    assertThat(answer).isEqualTo("answer");
    assertThatThrownBy(() -> llm.<String>monitorQuery("rag_pipeline", q -> { throw new IllegalStateException("x"); }))
        .isInstanceOf(IllegalStateException.class);
    llm.rateLimitRemaining("openai", "requests", 42);

    var data = reader.collectAllMetrics();
    assertThat(sum(data, "rag.requests", a("operation", "rag_pipeline", "status", "success"))).isEqualTo(1.0);
    assertThat(sum(data, "rag.requests", a("operation", "rag_pipeline", "status", "error"))).isEqualTo(1.0);
    assertThat(sum(data, "cache_misses", a("cache_name", "semantic", "operation", "get"))).isEqualTo(1.0);
    var gauges = data.stream().filter(m -> m.getName().equals("rag.active_requests") || m.getName().equals("llm.rate_limit.remaining"))
        .flatMap(m -> m.getDoubleGaugeData().getPoints().stream()).mapToDouble(p -> p.getValue()).boxed().toList();
    assertThat(gauges).containsExactlyInAnyOrder(0.0, 42.0);
    var latency = data.stream().filter(m -> m.getName().equals("rag.query.latency")).findFirst().orElseThrow();
    assertThat(latency.getHistogramData().getPoints().iterator().next().getCount()).isEqualTo(2);
    var relevance = data.stream().filter(m -> m.getName().equals("rag.relevance.score")).findFirst().orElseThrow();
    assertThat(relevance.getHistogramData().getPoints().iterator().next().getSum()).isEqualTo(0.82);
  }

  @Test
  void pricesLoadFromPropertiesAndBadOnesNameTheKey() throws Exception {
    TokenPriceTable t = TokenPriceTable.fromProperties(new StringReader(
        "gpt-4o.input = 2.50\ngpt-4o.output = 10.00\nclaude-3-5-sonnet.input=3\nclaude-3-5-sonnet.output=15\n"));
    assertThat(t.find("claude-3-5-sonnet")).contains(new ModelPrice(3, 15));
    assertThatThrownBy(() -> TokenPriceTable.fromProperties(new StringReader("gpt-4o.input=2.5\n")))
        .hasMessageContaining("gpt-4o.output");
    assertThatThrownBy(() -> TokenPriceTable.fromProperties(new StringReader("gpt-4o.input=cheap\ngpt-4o.output=1\n")))
        .hasMessageContaining("gpt-4o.input");
    assertThatThrownBy(() -> TokenPriceTable.fromProperties(new StringReader("gpt-4o=1\n")))
        .hasMessageContaining("'<model>.input'");
    assertThatThrownBy(() -> TokenPriceTable.builder().price("m", -1, 1))
        .hasMessageContaining(">= 0");
  }
}
