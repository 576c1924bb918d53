package dev.pillars.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.pillars.examples.rag.SimulatedRagPipeline;
import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.OtlpReceiver;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the demo service in a JVM of its own under the real OpenTelemetry Java agent (2.31.1, from
 * Maven Central; the build copies it to {@code target/javaagent}), with the settings the README's
 * agent section shows, and checks what issue 13 found broken: Pillars' stages join the agent's
 * traces under its SERVER span, there is one SERVER span per request, log lines and exemplars point
 * at the stages, no misuse is counted, and no MDC copies of the trace fields are written.
 */
// issue 13: "The Java agent: Pillars' spans never become current"
class RagDemoServiceJoinsTheJavaAgentsTraces {

  private static final Path AGENT = Path.of("target", "javaagent", "opentelemetry-javaagent.jar");
  private static final Pattern READY =
      Pattern.compile("agent-probe ready demo=(\\d+) probe=(\\d+)");
  private static final Pattern EXEMPLAR =
      Pattern.compile("^(\\w+)_bucket\\{[^}]*} \\S+ # \\{([^}]*)}");
  private static final Pattern MISUSE =
      Pattern.compile("^pillars_tracing_misuse_total\\{[^}]*} (\\S+)$");
  private static final String LLM_SCOPE = "dev.pillars.llm";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int QUERIES = 4;
  private static final int PROBES = 3;

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void stagesNestUnderTheAgentsServerSpanAndLogsAndExemplarsPointAtThem(@TempDir Path dir)
      throws Exception {
    assertThat(AGENT).as("copied by maven-dependency-plugin in process-test-resources").exists();
    Path agentOnly = dir.resolve("agent.properties");
    Files.writeString(agentOnly, "otel.metrics.exporter=none\notel.logs.exporter=none\n");

    try (OtlpReceiver collector = OtlpReceiver.start()) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-javaagent:" + AGENT.toAbsolutePath(),
              "-Dotel.javaagent.configuration-file=" + agentOnly,
              "-Dsun.net.httpserver.nodelay=true",
              // the demo's own JSON logging, not a test jar's logback-test.xml
              "-Dlogback.configurationFile="
                  + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
              "-cp",
              System.getProperty("java.class.path"),
              JavaAgentProbeService.class.getName());
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PILLARS_"));
      env.put("OTEL_SERVICE_NAME", "rag-demo");
      env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.endpoint() + "/v1/traces");
      env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
      env.put("OTEL_BSP_SCHEDULE_DELAY", "100");
      env.put("DEMO_LOG_LEVEL", "INFO");
      pb.redirectError(dir.resolve("stderr.txt").toFile());
      Process process = pb.start();
      List<String> stdout = new CopyOnWriteArrayList<>();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> readLines(process, stdout, lines), "agent-probe-stdout");
      reader.setDaemon(true);
      reader.start();
      String metrics;
      int exit;
      try {
        Matcher ready = awaitReady(lines, process, dir);
        URI demo = URI.create("http://127.0.0.1:" + ready.group(1));
        URI probe = URI.create("http://127.0.0.1:" + ready.group(2));
        for (int i = 0; i < QUERIES; i++) {
          HttpResponse<String> r =
              send(
                  HttpRequest.newBuilder(demo.resolve("/query"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"question\": \"what is agent mode, take " + i + "?\"}")));
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        for (int i = 0; i < PROBES; i++) {
          assertThat(send(HttpRequest.newBuilder(probe.resolve("/probe"))).body()).isEqualTo("doc");
        }
        metrics =
            send(HttpRequest.newBuilder(demo.resolve("/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0"))
                .body();
        Eventually.await(
            Duration.ofSeconds(20),
            "the stages' spans at the collector",
            () ->
                named(collector, "lookup").size() == PROBES
                    && named(collector, "generate").size() == QUERIES
                    && named(collector, "chat gpt-4o-mini").size() >= PROBES);
      } finally {
        process.getOutputStream().close(); // the service ends when its standard input closes
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      exit = process.exitValue();
      assertThat(exit).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

      List<Received> spans = received(collector);
      Map<String, List<Received>> traces = new HashMap<>();
      spans.forEach(s -> traces.computeIfAbsent(s.traceId(), t -> new ArrayList<>()).add(s));
      Set<String> stageIds = new HashSet<>();
      Set<String> serverIds = new HashSet<>();
      int pillarsTraces = 0;
      for (List<Received> trace : traces.values()) {
        List<Received> pillars =
            trace.stream()
                .filter(s -> s.scope().equals("dev.pillars.tracing") || s.scope().equals(LLM_SCOPE))
                .toList();
        if (pillars.isEmpty()) {
          continue;
        }
        pillarsTraces++;
        List<Received> servers =
            trace.stream()
                .filter(s -> s.span().getKind() == Span.SpanKind.SPAN_KIND_SERVER)
                .toList();
        assertThat(servers).as("one SERVER span per request: %s", trace).hasSize(1);
        Received server = servers.get(0);
        assertThat(server.scope()).startsWith("io.opentelemetry.");
        assertThat(server.parentId()).isEmpty();
        serverIds.add(server.spanId());
        Map<String, Received> byId = new HashMap<>();
        trace.forEach(s -> byId.put(s.spanId(), s));
        for (Received stage : pillars) {
          stageIds.add(stage.spanId());
          Received up = stage;
          for (int hops = 0; hops < 4 && !up.spanId().equals(server.spanId()); hops++) {
            up = byId.get(up.parentId());
            assertThat(up).as("parent of %s within the trace", stage.name()).isNotNull();
          }
          assertThat(up.spanId())
              .as("%s under the agent's server span", stage.name())
              .isEqualTo(server.spanId());
        }
      }
      assertThat(pillarsTraces).isEqualTo(QUERIES + PROBES);
      assertThat(spans)
          .as("neither the demo's route wrapper nor Pillars' filter adds a server span")
          .noneMatch(
              s ->
                  s.scope().equals("dev.pillars.examples")
                      || s.scope().equals("dev.pillars.tracing.http"));
      Received rag = named(collector, SimulatedRagPipeline.OPERATION).get(0);
      Received retrieval =
          named(collector, "retrieval").stream()
              .filter(s -> s.traceId().equals(rag.traceId()))
              .findFirst()
              .orElseThrow();
      assertThat(retrieval.parentId()).isEqualTo(rag.spanId());
      for (Received fetch : named(collector, "fetch")) {
        assertThat(serverIds).contains(fetch.parentId()); // the async stage, on the pool
      }

      // LLM calls: made by the agent's tracer (its resource, its exporter), current where opened
      List<Received> llmSpans = spans.stream().filter(s -> s.scope().equals(LLM_SCOPE)).toList();
      assertThat(llmSpans).as("the demo's calls and one per probe").hasSizeGreaterThan(PROBES);
      assertThat(llmSpans)
          .allSatisfy(
              s -> {
                assertThat(s.fromAgent()).as("%s left through the agent's exporter", s).isTrue();
                assertThat(s.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
              });
      List<Received> probeCalls =
          llmSpans.stream()
              .filter(
                  s ->
                      s.name().equals("chat gpt-4o-mini")
                          && named(collector, "lookup").stream()
                              .anyMatch(l -> l.traceId().equals(s.traceId())))
              .toList();
      assertThat(probeCalls).hasSize(PROBES);
      assertThat(probeCalls).allSatisfy(c -> assertThat(serverIds).contains(c.parentId()));

      // log lines: the stage's own span, and no MDC copies of the trace fields
      List<JsonNode> logs = new ArrayList<>();
      for (String line : stdout) {
        if (line.startsWith("{")) {
          logs.add(JSON.readTree(line));
        }
      }
      List<JsonNode> inStage =
          logs.stream()
              .filter(l -> "inside the lookup stage".equals(l.path("message").asString()))
              .toList();
      assertThat(inStage).hasSize(PROBES);
      Set<String> lookupIds = new HashSet<>();
      named(collector, "lookup").forEach(s -> lookupIds.add(s.traceId() + "/" + s.spanId()));
      for (JsonNode l : inStage) {
        assertThat(lookupIds)
            .contains(l.path("trace_id").asString() + "/" + l.path("span_id").asString());
      }
      Set<String> probeCallIds = new HashSet<>();
      probeCalls.forEach(c -> probeCallIds.add(c.traceId() + "/" + c.spanId()));
      List<JsonNode> inCall =
          logs.stream()
              .filter(l -> "inside the llm call".equals(l.path("message").asString()))
              .toList();
      assertThat(inCall).hasSize(PROBES);
      for (JsonNode l : inCall) {
        assertThat(probeCallIds)
            .contains(l.path("trace_id").asString() + "/" + l.path("span_id").asString());
      }
      // the demo's request/response events, written inside the agent's server span
      Set<String> allIds = new HashSet<>();
      spans.forEach(sp -> allIds.add(sp.traceId() + "/" + sp.spanId()));
      List<String> correlated = new ArrayList<>();
      for (JsonNode l : logs) {
        if (l.has("span_id")) {
          correlated.add(l.path("trace_id").asString() + "/" + l.path("span_id").asString());
        }
      }
      assertThat(correlated).hasSizeGreaterThanOrEqualTo(2 * QUERIES + PROBES);
      assertThat(allIds).containsAll(correlated);
      assertThat(logs)
          .isNotEmpty()
          .allSatisfy(
              l -> {
                List<String> names = new ArrayList<>();
                l.propertyNames().forEach(names::add);
                assertThat(names).noneMatch(n -> n.startsWith("mdc_"));
              });

      // exemplars point at the stages; nothing was misused
      List<String> stageExemplars = new ArrayList<>();
      List<String> requestExemplars = new ArrayList<>();
      List<String> misused = new ArrayList<>();
      Files.writeString(Path.of("target", "agent-probe-metrics.txt"), metrics);
      for (String line : metrics.split("\n")) {
        Matcher m = EXEMPLAR.matcher(line);
        if (m.find()) {
          String spanId = label(m.group(2), "span_id");
          if (m.group(1).equals("pipeline_stage_duration_seconds")) {
            stageExemplars.add(spanId);
          } else if (m.group(1).equals("request_duration_seconds")) {
            requestExemplars.add(spanId);
          }
        }
        Matcher misuse = MISUSE.matcher(line);
        if (misuse.find()) {
          if (Double.parseDouble(misuse.group(1)) != 0) {
            misused.add(line);
          }
        }
      }
      // a reason's series appears once it counts (before the fix: closed_out_of_order, hundreds)
      assertThat(misused).isEmpty();
      assertThat(stageExemplars).isNotEmpty();
      assertThat(stageIds).containsAll(stageExemplars);
      assertThat(requestExemplars).isNotEmpty();
      assertThat(serverIds).containsAll(requestExemplars);
      assertThat(metrics)
          .containsPattern(
              "http_server_request_duration_seconds_count\\{[^}]*http_route=\"/probe\"[^}]*} "
                  + PROBES
                  + "(\\.0)?\\b")
          .containsPattern(
              "request_count_total\\{[^}]*endpoint=\"/query\"[^}]*status=\"200\"} "
                  + QUERIES
                  + "(\\.0)?\\b");
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Matcher awaitReady(BlockingQueue<String> lines, Process process, Path dir)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          return m;
        }
      } else if (!process.isAlive()) {
        throw new AssertionError(
            "the service under the agent ended early: "
                + Files.readString(dir.resolve("stderr.txt")));
      }
    }
    throw new AssertionError("the service under the agent did not start within 90 s");
  }

  private static void readLines(Process process, List<String> all, BlockingQueue<String> queue) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        all.add(line);
        queue.add(line);
      }
    } catch (java.io.IOException ended) {
      // the process is gone
    }
  }

  private static String label(String labels, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
    return m.find() ? m.group(1) : "";
  }

  private static List<Received> named(OtlpReceiver collector, String name) {
    return received(collector).stream().filter(s -> s.name().equals(name)).toList();
  }

  private static List<Received> received(OtlpReceiver collector) {
    List<Received> out = new ArrayList<>();
    for (ResourceSpans rs : collector.received()) {
      // the agent's resource names its distribution; Pillars' SDK's does not
      boolean fromAgent =
          rs.getResource().getAttributesList().stream()
              .anyMatch(a -> a.getKey().equals("telemetry.distro.name"));
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          out.add(new Received(ss.getScope().getName(), s, fromAgent));
        }
      }
    }
    return out;
  }

  /** A span as the collector got it, with the name of its instrumentation scope. */
  private record Received(String scope, Span span, boolean fromAgent) {
    String name() {
      return span.getName();
    }

    String traceId() {
      return hex(span.getTraceId());
    }

    String spanId() {
      return hex(span.getSpanId());
    }

    String parentId() {
      return hex(span.getParentSpanId());
    }

    private static String hex(ByteString bytes) {
      return HexFormat.of().formatHex(bytes.toByteArray());
    }

    @Override
    public String toString() {
      return scope + ":" + name() + "(" + spanId() + "<-" + parentId() + ")";
    }
  }
}
