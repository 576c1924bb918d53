package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardsHoldTheSeedPanels {

  @Test
  void ragMonitoringHasTheTenPanelsOfSeed003() {
    Map<String, Object> d = StackFiles.load(StackFiles.DASHBOARDS.resolve("rag-monitoring.json"));
    assertThat(list(d, "panels"))
        .extracting(p -> StackFiles.at(p, "title") + " | " + StackFiles.at(p, "type"))
        .containsExactly(
            "Query Latency (p50/p95/p99) | timeseries",
            "Request Rate & Error Rate | timeseries",
            "Token Usage (Input vs Output) | timeseries",
            "Cost per Query & Total Spend | timeseries",
            "Cache Hit Rate % | gauge",
            "Error Rate % | stat",
            "Active Requests | stat",
            "Rate Limit Remaining | gauge",
            "Response Relevance Score | timeseries",
            "Error Breakdown by Type | piechart");
  }

  @Test
  void serviceOverviewHasTheFourPanelsOfSeed004() {
    Map<String, Object> d = StackFiles.load(StackFiles.DASHBOARDS.resolve("service-overview.json"));
    assertThat(list(d, "panels"))
        .extracting(p -> StackFiles.at(p, "title"))
        .containsExactly("Request Rate", "Error Rate %", "P99 Latency", "Active Requests");
  }

  @Test
  void panelIdsAreUniqueAndLatencyPanelsAskForExemplars() {
    for (String file : List.of("rag-monitoring.json", "service-overview.json")) {
      List<Object> panels = list(StackFiles.load(StackFiles.DASHBOARDS.resolve(file)), "panels");
      assertThat(panels).extracting(p -> StackFiles.at(p, "id")).doesNotHaveDuplicates();
      assertThat(panels)
          .filteredOn(p -> String.valueOf(StackFiles.at(p, "title")).contains("Latency"))
          .isNotEmpty()
          .allSatisfy(
              p ->
                  assertThat(list(p, "targets"))
                      .allSatisfy(t -> assertThat(StackFiles.at(t, "exemplar")).isEqualTo(true)));
    }
  }
}
