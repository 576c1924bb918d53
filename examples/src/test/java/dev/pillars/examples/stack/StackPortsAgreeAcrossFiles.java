package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.at;
import static dev.pillars.examples.stack.StackFiles.host;
import static dev.pillars.examples.stack.StackFiles.list;
import static dev.pillars.examples.stack.StackFiles.port;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ports and host names, cross-checked: compose published ports, prometheus.yml targets,
 * otel-config.yaml endpoints, Tempo and Loki listen ports, Grafana datasource URLs.
 */
class StackPortsAgreeAcrossFiles {

  private final ComposeServices compose = new ComposeServices();
  private final Map<String, Object> otel = StackFiles.load(StackFiles.OTEL_CONFIG);

  @Test
  void everyPublishedPortBindsLoopbackOnlyAndKeepsItsNumber() {
    compose
        .all()
        .keySet()
        .forEach(
            s ->
                compose
                    .ports(s)
                    .forEach(
                        p -> {
                          assertThat(p.hostIp()).as("%s publishes %s", s, p).isEqualTo("127.0.0.1");
                          assertThat(p.hostPort())
                              .as("%s publishes %s", s, p)
                              .isEqualTo(p.containerPort());
                        }));
  }

  @Test
  void prometheusScrapesTheDemoAndTheCollectorWhereTheyListen() {
    Map<String, String> targets = scrapeTargets();
    assertThat(targets).containsOnlyKeys("rag-demo", "otel-collector");

    String demo = targets.get("rag-demo");
    assertThat(host(demo)).isEqualTo("demo");
    assertThat(compose.flag("demo", "port")).contains(Integer.toString(port(demo)));
    assertThat(compose.containerPorts("demo")).contains(port(demo));

    String collector = targets.get("otel-collector");
    assertThat(host(collector)).isEqualTo("otel-collector");
    int exporterPort = port((String) at(otel, "exporters", "prometheus", "endpoint"));
    assertThat(port(collector)).isEqualTo(exporterPort);
    assertThat(compose.containerPorts("otel-collector")).contains(exporterPort);
  }

  @Test
  void theCollectorPublishesItsReceiversAndHealthCheck() {
    List<Integer> published = compose.containerPorts("otel-collector");
    assertThat(published)
        .contains(
            port((String) at(otel, "receivers", "otlp", "protocols", "grpc", "endpoint")),
            port((String) at(otel, "receivers", "otlp", "protocols", "http", "endpoint")),
            port((String) at(otel, "extensions", "health_check", "endpoint")));
  }

  @Test
  void theDemoSendsOtlpToTheCollectorsHttpReceiver() {
    Map<String, String> env = compose.environment("demo");
    String endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
    assertThat(host(endpoint)).isEqualTo("otel-collector");
    assertThat(env.get("OTEL_EXPORTER_OTLP_PROTOCOL")).isEqualTo("http/protobuf");
    assertThat(port(endpoint))
        .isEqualTo(port((String) at(otel, "receivers", "otlp", "protocols", "http", "endpoint")));
  }

  @Test
  void theCollectorExportsToTempoAndLokiWhereTheyListen() {
    Map<String, Object> tempo = StackFiles.load(StackFiles.TEMPO);
    Map<String, Object> loki = StackFiles.load(StackFiles.LOKI);

    String traces = (String) at(otel, "exporters", "otlp/tempo", "endpoint");
    assertThat(compose.has(host(traces))).as("service %s", host(traces)).isTrue();
    assertThat(host(traces)).isEqualTo("tempo");
    assertThat(port(traces))
        .isEqualTo(
            port(
                (String)
                    at(
                        tempo,
                        "distributor",
                        "receivers",
                        "otlp",
                        "protocols",
                        "grpc",
                        "endpoint")));

    String logs = (String) at(otel, "exporters", "otlphttp/loki", "endpoint");
    assertThat(host(logs)).isEqualTo("loki");
    assertThat(port(logs)).isEqualTo(at(loki, "server", "http_listen_port"));
  }

  @Test
  void grafanaDatasourcesPointAtTheServicesPorts() {
    Map<String, Integer> expected = new HashMap<>();
    expected.put("prometheus", 9090); // Prometheus' default --web.listen-address
    expected.put(
        "tempo", (Integer) at(StackFiles.load(StackFiles.TEMPO), "server", "http_listen_port"));
    expected.put(
        "loki", (Integer) at(StackFiles.load(StackFiles.LOKI), "server", "http_listen_port"));
    assertThat(compose.flag("prometheus", "web.listen-address")).isEmpty();

    List<Object> datasources = list(StackFiles.load(StackFiles.DATASOURCES), "datasources");
    assertThat(datasources).hasSize(3);
    for (Object ds : datasources) {
      String url = (String) at(ds, "url");
      String service = host(url);
      assertThat(compose.has(service)).as("datasource %s names a compose service", url).isTrue();
      assertThat(port(url)).as("datasource %s", url).isEqualTo(expected.get(service));
      assertThat(compose.containerPorts(service)).contains(port(url));
    }
  }

  private static Map<String, String> scrapeTargets() {
    Map<String, String> out = new HashMap<>();
    for (Object job : list(StackFiles.load(StackFiles.PROMETHEUS), "scrape_configs")) {
      List<Object> targets = list(job, "static_configs");
      assertThat(targets).hasSize(1);
      List<Object> addresses = list(targets.get(0), "targets");
      assertThat(addresses).hasSize(1);
      out.put((String) at(job, "job_name"), (String) addresses.get(0));
    }
    return out;
  }
}
