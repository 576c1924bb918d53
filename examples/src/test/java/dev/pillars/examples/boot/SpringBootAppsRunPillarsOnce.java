package dev.pillars.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 13, "What must be shown": a user's Spring Boot 3.5.7 app (web + actuator) and 4.0.7 app
 * (web + actuator + micrometer-registry-prometheus), each with only the README's lines added, built
 * by maven-invoker-plugin against this reactor's jars and run with {@code java -jar}. One request
 * goes through a stage with an LLM call; {@code /actuator/prometheus} serves Pillars' series and
 * counts the request once; every stdout line is JSON carrying {@code spring.application.name} and,
 * inside the stage, the stage's span id; SIGTERM shuts it down cleanly.
 */
class SpringBootAppsRunPillarsOnce {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void springBoot35AppServesPillarsSeriesOnItsOwnActuatorEndpoint() throws Exception {
    String scrape = runAndCheck("boot-3.5");
    // no Micrometer Prometheus registry in this app: the endpoint is Pillars' alone
    assertThat(scrape).doesNotContain("tomcat_").doesNotContain("application_ready_time");
  }

  @Test
  void springBoot40AppServesPillarsSeriesInsideMicrometersScrape() throws Exception {
    String scrape = runAndCheck("boot-4.0");
    // merged into Boot's registry: Micrometer's own series are there too, its jvm_* are not
    assertThat(scrape).contains("# TYPE application_ready_time_seconds gauge");
    assertThat(scrape).doesNotContain("jvm_memory_used_bytes{area=");
  }

  @Test
  void springBoot35AppWithoutTheBomRefusesToStartNamingTheFix() throws Exception {
    // Versions that cannot silently break: Boot's parent alone resolves OpenTelemetry 1.49.0 and
    // prometheus-metrics 1.3.10 next to Pillars' 1.65.0-alpha exporter
    try (RunningBootApp app = RunningBootApp.start("boot-3.5-without-bom")) {
      String failure =
          app.awaitLine(l -> l.contains("PillarsConfigurationException"), Duration.ofSeconds(120));
      assertThat(failure)
          .contains("opentelemetry-sdk 1.49.0 (needs 1.65.0)")
          .contains("prometheus-metrics-model 1.3.10 (needs 1.8.0)")
          .contains("dev.pillars:pillars-bom:")
          .contains("<opentelemetry.version>1.65.0</opentelemetry.version>")
          .contains("<prometheus-client.version>1.8.0</prometheus-client.version>")
          .doesNotContain("NoClassDefFoundError")
          .doesNotContain("NoSuchMethodError");
      // it ends by itself: a SIGTERM sent while it is still shutting down would read 143
      assertThat(app.awaitExit(Duration.ofSeconds(30))).as("exit code").isEqualTo(1);
    }
  }

  private String runAndCheck(String project) throws Exception {
    try (RunningBootApp app = RunningBootApp.start(project)) {
      int port = app.awaitPort(Duration.ofSeconds(120));
      String base = "http://127.0.0.1:" + port;

      HttpResponse<String> answer = get(base + "/ask/pillars", "*/*");
      assertThat(answer.statusCode()).isEqualTo(200);
      String stageSpanId = answer.body().trim();
      assertThat(stageSpanId).matches("[0-9a-f]{16}");

      HttpResponse<String> scrapeResponse = get(base + "/actuator/prometheus", "text/plain");
      assertThat(scrapeResponse.statusCode()).isEqualTo(200);
      String scrape = scrapeResponse.body();
      get(base + "/actuator/prometheus", "text/plain"); // a second scrape: still one request
      scrape = get(base + "/actuator/prometheus", "text/plain").body();

      // Pillars' series, named once each
      assertThat(value(scrape, "pipeline_stage_duration_seconds_count", "stage=\"answer\""))
          .isEqualTo(1.0);
      assertThat(value(scrape, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"input\""))
          .isEqualTo(12.0);
      assertThat(value(scrape, "gen_ai_client_token_usage_sum", "gen_ai_token_type=\"output\""))
          .isEqualTo(34.0);
      assertThat(scrape).contains("service_name=\"boot-qa\"");
      assertThat(scrape).contains("# TYPE jvm_memory_committed_bytes gauge");
      assertOneTypeLinePerFamily(scrape);
      // the HTTP request counted once, by Pillars' filter, with MVC's route; actuator not counted
      assertThat(sum(scrape, "http_server_request_duration_seconds_count")).isEqualTo(1.0);
      assertThat(
              value(
                  scrape,
                  "http_server_request_duration_seconds_count",
                  "http_route=\"/ask/{topic}\""))
          .isEqualTo(1.0);
      assertThat(scrape).doesNotContain("http_server_requests_seconds").doesNotContain("actuator");

      // every stdout line is a JSON object (no banner), all carry spring.application.name
      List<JsonNode> lines = new ArrayList<>();
      app.awaitLine(l -> l.contains("answering a question"), Duration.ofSeconds(10));
      for (String line : app.stdout()) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.isObject()).as(line).isTrue();
        assertThat(node.path("service").asString()).as(line).isEqualTo("boot-qa");
        lines.add(node);
      }
      JsonNode inStage =
          lines.stream()
              .filter(n -> n.path("message").asString().equals("answering a question"))
              .findFirst()
              .orElseThrow();
      assertThat(inStage.path("span_id").asString()).isEqualTo(stageSpanId);
      assertThat(inStage.path("trace_id").asString()).matches("[0-9a-f]{32}");

      int exit = app.stop(Duration.ofSeconds(30));
      assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
      List<String> shutdown = app.stdout().subList(lines.size(), app.stdout().size());
      for (String line : shutdown) {
        JsonNode node = JSON.readTree(line);
        assertThat(node.path("level").asString()).as(line).isIn("INFO", "DEBUG");
      }
      assertThat(app.stderr()).isEmpty();
      return scrape;
    }
  }

  private static HttpResponse<String> get(String url, String accept) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample of {@code name} whose labels contain {@code label}. */
  private static double value(String scrape, String name, String label) {
    List<Double> found = new ArrayList<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        found.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    assertThat(found).as(name + " with " + label + " in\n" + scrape).hasSize(1);
    return found.get(0);
  }

  private static double sum(String scrape, String name) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }

  private static void assertOneTypeLinePerFamily(String scrape) {
    Pattern type = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);
    Matcher m = type.matcher(scrape);
    List<String> families = new ArrayList<>();
    while (m.find()) {
      families.add(m.group(1));
    }
    assertThat(families).isNotEmpty().doesNotHaveDuplicates();
  }
}
