package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9 item 2: label names are a schema, checked when a label set is first seen. */
class LabelNamesFollowTheSchema {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aCatalogMetricTakesExactlyItsDeclaredNamesInAnyOrder() {
    metrics.incrementCounter("request_count", "status", "200", "endpoint", "/q", "method", "GET");
    metrics.incrementCounter("request_count", "endpoint", "/q", "method", "GET", "status", "200");
    metrics.incrementCounter("request_count", "user_id", "alice");
    metrics.incrementCounter("request_count", "endpoint", "/q", "method", "GET");
    metrics.incrementCounter(
        "request_count", "endpoint", "/q", "method", "GET", "status", "200", "user_id", "alice");
    metrics.incrementCounter("request_count");
    metrics.counter(StandardMetrics.REQUEST_COUNT).increment();

    assertThat(f.dropped("invalid_labels")).isEqualTo(5);
    assertThat(MetricsFixture.sumPoints(f.collect(), "request_count")).hasSize(1);
    assertThat(f.sum("request_count", attrs("endpoint", "/q", "method", "GET", "status", "200")))
        .isEqualTo(2.0);
  }

  @Test
  void aBareMetricKeepsTheNamesOfItsFirstUse() {
    metrics.incrementCounter("jobs_done", "queue", "a");
    metrics.incrementCounter("jobs_done", "queue", "b");
    metrics.incrementCounter("jobs_done", "queue", "a", "worker", "w1");
    metrics.incrementCounter("jobs_done", "worker", "w1");
    metrics.incrementCounter("jobs_done");
    assertThat(f.dropped("invalid_labels")).isEqualTo(3);
    assertThat(MetricsFixture.sumPoints(f.collect(), "jobs_done")).hasSize(2);
  }

  @Test
  void invalidReservedAndLookAlikeLabelNamesAreRefused() {
    List<String[]> bad = new ArrayList<>();
    bad.add(new String[] {"-", "v"});
    bad.add(new String[] {"ü", "v"});
    bad.add(new String[] {"\uD800", "v"});
    bad.add(new String[] {"", "v"});
    bad.add(new String[] {"9lives", "v"});
    bad.add(new String[] {"__name__", "v"});
    bad.add(new String[] {"le", "0.5"});
    bad.add(new String[] {"quantile", "0.5"});
    bad.add(new String[] {"otel_scope_name", "forged"});
    bad.add(new String[] {"otel.scope.version", "forged"});
    bad.add(new String[] {"otel.metric.overflow", "true"});
    bad.add(new String[] {"a-b", "1", "a_b", "2"});
    bad.add(new String[] {"k", "1", "k", "2"});
    bad.add(new String[] {"x".repeat(10_000), "v"});
    String[] many = new String[2 * 1000];
    for (int i = 0; i < 1000; i++) {
      many[2 * i] = "l" + i;
      many[2 * i + 1] = "v";
    }
    bad.add(many);
    for (String[] labels : bad) {
      metrics.recordHistogram("fresh_histogram_" + bad.indexOf(labels), 1.0, labels);
    }
    assertThat(f.dropped("invalid_labels")).isEqualTo(bad.size());
    assertThat(MetricsFixture.names(f.collect())).doesNotContain("fresh_histogram");
  }

  @Test
  void sixteenLabelsAreTheMost() {
    String[] sixteen = new String[32];
    for (int i = 0; i < 16; i++) {
      sixteen[2 * i] = "l" + i;
      sixteen[2 * i + 1] = "v";
    }
    metrics.incrementCounter("wide", sixteen);
    String[] seventeen = java.util.Arrays.copyOf(sixteen, 34);
    seventeen[32] = "l16";
    seventeen[33] = "v";
    metrics.incrementCounter("wider", seventeen);
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    assertThat(MetricsFixture.sumPoints(f.collect(), "wide")).hasSize(1);
  }

  @Test
  void optionalLabelNamesMayBeAddedThroughPairs() {
    metrics.recordHistogram(
        "gen_ai.client.operation.duration",
        0.4,
        "gen_ai.operation.name",
        "chat",
        "gen_ai.provider.name",
        "openai",
        "gen_ai.request.model",
        "gpt-4o",
        "error.type",
        "timeout");
    metrics.recordHistogram(
        "gen_ai.client.operation.duration",
        0.4,
        "gen_ai.operation.name",
        "chat",
        "gen_ai.provider.name",
        "openai",
        "gen_ai.request.model",
        "gpt-4o");
    metrics.recordHistogram(
        "gen_ai.client.operation.duration",
        0.4,
        "gen_ai.operation.name",
        "chat",
        "gen_ai.provider.name",
        "openai",
        "gen_ai.request.model",
        "gpt-4o",
        "user.id",
        "alice");
    assertThat(f.dropped("invalid_labels")).isEqualTo(1);
    assertThat(
            f.histogram(
                "gen_ai.client.operation.duration",
                attrs(
                    "gen_ai.operation.name",
                    "chat",
                    "gen_ai.provider.name",
                    "openai",
                    "gen_ai.request.model",
                    "gpt-4o",
                    "error.type",
                    "timeout")))
        .isPresent();
  }

  @Test
  void definitionsWithBadLabelNamesFailAtBuildNamingTheRule() {
    assertThatThrownBy(() -> MetricDefinition.histogram("h").labelNames("le").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> MetricDefinition.counter("c").labelNames("a.b", "a_b").build())
        .hasMessageContaining("both written as 'a_b'");
    assertThatThrownBy(() -> MetricDefinition.counter("c").labelNames("ü").build())
        .hasMessageContaining("start with a letter");
    assertThatThrownBy(
            () -> MetricDefinition.counter("c").labelNames("k").optionalLabelNames("k").build())
        .hasMessageContaining("distinct");
  }

  @Test
  void positionalValuesNameTheDeclaredLabelsOrTheDeclaredAndOptionalOnes() {
    Histogram duration = metrics.histogram(StandardMetrics.LLM_DURATION);
    duration.labels("chat", "openai", "gpt-4o").record(1.0);
    duration.labels("chat", "openai", "gpt-4o", "java.io.IOException").record(2.0);
    duration.labels("chat", "openai").record(3.0);
    duration.labels("chat", "openai", "gpt-4o", "java.io.IOException", "extra").record(4.0);

    assertThat(f.dropped("invalid_labels")).isEqualTo(2);
    Attributes ok =
        attrs(
            "gen_ai.operation.name",
            "chat",
            "gen_ai.provider.name",
            "openai",
            "gen_ai.request.model",
            "gpt-4o");
    assertThat(f.histogram("gen_ai.client.operation.duration", ok))
        .hasValueSatisfying(p -> assertThat(p.getSum()).isEqualTo(1.0));
    assertThat(
            f.histogram(
                "gen_ai.client.operation.duration",
                ok.toBuilder().put("error.type", "java.io.IOException").build()))
        .hasValueSatisfying(p -> assertThat(p.getSum()).isEqualTo(2.0));
  }
}
