package dev.pillars.metrics;

import static dev.pillars.metrics.MetricsFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FacadeRecordsCollectorOperations {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void incrementsCountersByOneAndByAmount() {
    metrics.incrementCounter(
        "request_count", "endpoint", "/query", "method", "POST", "status", "200");
    metrics.incrementCounter(
        "request_count", "endpoint", "/query", "method", "POST", "status", "200");
    metrics.incrementCounter("cache_hits", 5, "cache_name", "embeddings", "operation", "get");

    assertThat(
            f.sum("request_count", attrs("endpoint", "/query", "method", "POST", "status", "200")))
        .isEqualTo(2.0);
    assertThat(f.sum("cache_hits", attrs("cache_name", "embeddings", "operation", "get")))
        .isEqualTo(5.0);
  }

  @Test
  void recordsHistogramsInTheCatalogBuckets() {
    metrics.recordHistogram("request_duration", 0.3, "endpoint", "/query", "method", "POST");
    metrics.recordHistogram("request_duration", 7.0, "endpoint", "/query", "method", "POST");

    HistogramPointData p =
        f.histogram("request_duration", attrs("endpoint", "/query", "method", "POST"))
            .orElseThrow();
    assertThat(p.getCount()).isEqualTo(2);
    assertThat(p.getSum()).isEqualTo(7.3);
    assertThat(p.getBoundaries())
        .containsExactly(
            0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0);
    // 0.3 falls in (0.25, 0.5], 7.0 in (5, 10]
    assertThat(p.getCounts().get(7)).isEqualTo(1);
    assertThat(p.getCounts().get(12)).isEqualTo(1);
  }

  @Test
  void setsIncrementsAndDecrementsGauges() {
    metrics.setGauge("cache_size", 1024, "cache_name", "embeddings");
    metrics.incrementGauge("active_requests", "endpoint", "/query");
    metrics.incrementGauge("active_requests", 2, "endpoint", "/query");
    metrics.decrementGauge("active_requests", "endpoint", "/query");

    assertThat(f.gauge("cache_size", attrs("cache_name", "embeddings"))).isEqualTo(1024.0);
    assertThat(f.gauge("active_requests", attrs("endpoint", "/query"))).isEqualTo(2.0);
    metrics.decrementGauge("active_requests", 2, "endpoint", "/query");
    assertThat(f.gauge("active_requests", attrs("endpoint", "/query"))).isEqualTo(0.0);
  }

  @Test
  void startTimerRecordsTheBlockInSeconds() throws Exception {
    try (TimingScope t =
        metrics.startTimer("database_query_duration", "operation", "select", "table", "users")) {
      Thread.sleep(20);
    }
    HistogramPointData p =
        f.histogram("database_query_duration", attrs("operation", "select", "table", "users"))
            .orElseThrow();
    assertThat(p.getCount()).isEqualTo(1);
    assertThat(p.getSum()).isBetween(0.019, 5.0);
  }

  @Test
  void trackActiveRaisesTheGaugeWhileOpenAndClosingTwiceLowersOnce() {
    ActiveScope scope = metrics.trackActive("active_connections", "connection_type", "database");
    assertThat(f.gauge("active_connections", attrs("connection_type", "database"))).isEqualTo(1.0);
    scope.close();
    scope.close();
    assertThat(f.gauge("active_connections", attrs("connection_type", "database"))).isEqualTo(0.0);
  }

  @Test
  void boundHandlesRecordIntoTheirSeries() {
    Counter requests = metrics.counter(StandardMetrics.REQUEST_COUNT);
    BoundCounter ok = requests.labels("/query", "POST", "200");
    ok.increment();
    ok.increment(2);
    assertThat(requests.labels("/query", "POST", "200")).isSameAs(ok);

    BoundHistogram search =
        metrics.histogram(StandardMetrics.RETRIEVAL_TIME).labels("vector", "chroma");
    search.record(0.02);
    BoundGauge queue = metrics.gauge(StandardMetrics.QUEUE_SIZE).labels("ingest");
    queue.set(7);
    queue.decrement();

    assertThat(
            f.sum("request_count", attrs("endpoint", "/query", "method", "POST", "status", "200")))
        .isEqualTo(3.0);
    assertThat(f.histogram("retrieval_time", attrs("operation", "vector", "source", "chroma")))
        .hasValueSatisfying(p -> assertThat(p.getSum()).isEqualTo(0.02));
    assertThat(f.gauge("queue_size", attrs("queue_name", "ingest"))).isEqualTo(6.0);
  }

  @Test
  void boundAndNamedCallsShareOneSeries() {
    metrics.counter(StandardMetrics.CACHE_MISSES).labels("semantic", "get").increment();
    metrics.incrementCounter("cache_misses", "cache_name", "semantic", "operation", "get");
    assertThat(f.sum("cache_misses", attrs("cache_name", "semantic", "operation", "get")))
        .isEqualTo(2.0);
  }

  @Test
  void customDefinitionsCarryDescriptionUnitAndBuckets() {
    MetricDefinition rerank =
        MetricDefinition.histogram("rerank_latency")
            .description("Reranking latency in seconds")
            .unit("s")
            .buckets(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
            .build();
    metrics.histogram(rerank).record(0.03);

    var data = MetricsFixture.find(f.collect(), "rerank_latency").orElseThrow();
    assertThat(data.getDescription()).isEqualTo("Reranking latency in seconds");
    assertThat(data.getUnit()).isEqualTo("s");
    assertThat(data.getHistogramData().getPoints().iterator().next().getBoundaries())
        .containsExactly(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0);
  }

  @Test
  void unknownNamesAreDefinedOnFirstUseAsTheTypeUsed() {
    metrics.incrementCounter("webhook_delivery", "status", "success");
    metrics.setGauge("embedding_cache_hit_rate", 0.82);

    assertThat(f.sum("webhook_delivery", attrs("status", "success"))).isEqualTo(1.0);
    assertThat(f.gauge("embedding_cache_hit_rate", attrs())).isEqualTo(0.82);
    assertThat(metrics.definition("webhook_delivery"))
        .hasValueSatisfying(d -> assertThat(d.type()).isEqualTo(MetricType.COUNTER));
  }

  @Test
  void theCatalogDefinesEverySeedMetricWithHelpText() {
    assertThat(StandardMetrics.all())
        .extracting(MetricDefinition::name)
        .containsExactly(
            "request_count",
            "error_count",
            "cache_hits",
            "cache_misses",
            "llm_invocations",
            "rag_queries",
            "request_duration",
            "gen_ai.client.token.usage",
            "retrieval_time",
            "gen_ai.client.operation.duration",
            "database_query_duration",
            "active_requests",
            "cache_size",
            "active_connections",
            "memory_usage",
            "queue_size");
    assertThat(StandardMetrics.all()).allSatisfy(d -> assertThat(d.description()).isNotBlank());
    // the gen_ai metrics take the GenAI convention's buckets (issue 10 item 5), the seeds' their
    // own
    assertThat(StandardMetrics.TOKEN_USAGE.buckets()).startsWith(1.0, 4.0).endsWith(67_108_864.0);
    assertThat(StandardMetrics.LLM_DURATION.buckets()).startsWith(0.01, 0.02).endsWith(81.92);
    assertThat(StandardMetrics.DATABASE_QUERY_DURATION.buckets()).startsWith(0.001).endsWith(1.0);
    assertThat(StandardMetrics.RETRIEVAL_TIME.buckets()).startsWith(0.001).endsWith(5.0);
    assertThat(StandardMetrics.REQUEST_DURATION.buckets()).startsWith(0.005).endsWith(10.0);
  }
}
