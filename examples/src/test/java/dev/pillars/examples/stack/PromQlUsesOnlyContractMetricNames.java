package dev.pillars.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlUsesOnlyContractMetricNames {

  @Test
  void everyDashboardAndAlertExpressionSelectsOnlyContractNames() {
    assertThat(PromQlExpression.all()).hasSizeGreaterThanOrEqualTo(14 + 7);
    for (PromQlExpression e : PromQlExpression.all()) {
      assertThat(PromQlMetricNames.of(e.expr())).as(e.origin()).isNotEmpty();
      assertThat(PromQlMetricNames.of(e.expr()))
          .as("%s: %s", e.origin(), e.expr())
          .allMatch(MetricNameContract::allows, "a metric name of the contract");
    }
  }

  @Test
  void theExtractorFindsMetricsButNotFunctionsLabelsOrNumbers() {
    assertThat(
            PromQlMetricNames.of(
                "histogram_quantile(0.95, sum by (le, operation) "
                    + "(rate(rag_query_latency_seconds_bucket{status=~\"5..\"}[5m]))) > 2e0"))
        .containsExactly("rag_query_latency_seconds_bucket");
    assertThat(
            PromQlMetricNames.of(
                "sum(rate(cache_hits_total[5m])) / (sum(rate(cache_hits_total[5m])) "
                    + "+ sum without (job) (rate(cache_misses_total[5m]))) < 0.30"))
        .containsExactly("cache_hits_total", "cache_misses_total");
  }

  @Test
  void aSeedNameOrTypoIsNotInTheContract() {
    // the seeds' own spellings, which /metrics does not produce
    assertThat(PromQlMetricNames.of("rate(http_requests_total[5m])"))
        .noneMatch(MetricNameContract::allows);
    assertThat(PromQlMetricNames.of("rag_cache_hit_rate < 0.30"))
        .noneMatch(MetricNameContract::allows);
    assertThat(PromQlMetricNames.of("sum(rate(rag_total_cost_usd[1h]))"))
        .noneMatch(MetricNameContract::allows);
  }

  @Test
  void alertThresholdsSplitOffAtTheLastTopLevelComparison() {
    PromQlExpression e =
        new PromQlExpression(
            "x", "sum(rate(a_total{le=\">\"}[5m])) / sum(rate(b_total[5m])) > 0.05", true);
    assertThat(e.measured()).isEqualTo("sum(rate(a_total{le=\">\"}[5m])) / sum(rate(b_total[5m]))");
  }
}
