package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.at;
import static dev.pillars.examples.stack.StackFiles.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GrafanaDatasourcesLinkThePillars {

  private final Map<String, Object> byUid = new HashMap<>();

  GrafanaDatasourcesLinkThePillars() {
    for (Object ds : list(StackFiles.load(StackFiles.DATASOURCES), "datasources")) {
      byUid.put((String) at(ds, "uid"), ds);
    }
  }

  @Test
  void exemplarsOfPrometheusOpenTheTraceInTempo() {
    List<Object> destinations =
        list(byUid.get("prometheus"), "jsonData", "exemplarTraceIdDestinations");
    assertThat(destinations).hasSize(1);
    // the exemplar label that OpenTelemetry's Prometheus exporter writes
    assertThat(at(destinations.get(0), "name")).isEqualTo("trace_id");
    assertThat(typeOf((String) at(destinations.get(0), "datasourceUid"))).isEqualTo("tempo");
  }

  @Test
  void tracesInTempoOpenTheirLogsInLoki() {
    Object tempo = byUid.get("tempo");
    assertThat(typeOf((String) at(tempo, "jsonData", "tracesToLogsV2", "datasourceUid")))
        .isEqualTo("loki");
    assertThat(at(tempo, "jsonData", "tracesToLogsV2", "filterByTraceID")).isEqualTo(true);
  }

  @Test
  void aLogLinesTraceIdOpensTheTraceInTempo() {
    List<Object> fields = list(byUid.get("loki"), "jsonData", "derivedFields");
    assertThat(fields).hasSize(1);
    assertThat(typeOf((String) at(fields.get(0), "datasourceUid"))).isEqualTo("tempo");
    Matcher m =
        Pattern.compile((String) at(fields.get(0), "matcherRegex"))
            .matcher(
                "{\"level\":\"INFO\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
                    + "\"span_id\":\"00f067aa0ba902b7\",\"message\":\"answered\"}");
    assertThat(m.find()).as("regex finds a pillars-logging trace id").isTrue();
    assertThat(m.group(1)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @Test
  void everyDashboardPanelQueriesAProvisionedDatasource() {
    for (Path file : StackFiles.files(StackFiles.DASHBOARDS, ".json")) {
      for (Object panel : list(StackFiles.load(file), "panels")) {
        String uid = (String) at(panel, "datasource", "uid");
        assertThat(byUid)
            .as("%s: panel %s", file.getFileName(), at(panel, "title"))
            .containsKey(uid);
        for (Object target : list(panel, "targets")) {
          assertThat(at(target, "datasource", "uid")).isEqualTo(uid);
        }
      }
    }
  }

  private String typeOf(String uid) {
    assertThat(byUid).as("a datasource with uid %s", uid).containsKey(uid);
    return (String) at(byUid.get(uid), "type");
  }
}
