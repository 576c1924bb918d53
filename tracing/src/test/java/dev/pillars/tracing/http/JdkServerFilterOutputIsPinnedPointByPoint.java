package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.ExemplarData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric point and span attribute the JDK filter produces for a fixed set of requests (200
 * with and without a body, 404, 500, a throwing handler, an unknown method), written out in full,
 * so that any change to how the filter records (bound series, fewer attribute sets) must keep the
 * semconv output identical: names, descriptions, units, buckets, labels, exemplars, error.type.
 */
class JdkServerFilterOutputIsPinnedPointByPoint {

  /** Differ from run to run (ephemeral ports, JDK version); their presence is still pinned. */
  private static final Set<String> VARYING =
      Set.of("network.peer.port", "server.port", "user_agent.original");

  private final TracingFixture fx = new TracingFixture();
  private final LoopbackJdkServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  JdkServerFilterOutputIsPinnedPointByPoint() throws IOException {
    server =
        new LoopbackJdkServer(
            HttpServerTracing.builder(fx.pillars).route("/users/{id}").route("/query").build());
  }

  @AfterEach
  void tearDown() {
    server.close();
    fx.close();
  }

  private void send(String method, String path, String body) throws Exception {
    try {
      LoopbackRequests.send(client, server.port(), method, path, body);
    } catch (IOException serverClosedTheConnection) {
      // the JDK server drops the connection when a handler throws
    }
  }

  @Test
  void metricPointsAndSpanAttributesAreExactlyTheseForSixRequests() throws Exception {
    send("GET", "/users/42?q=secret", null);
    send("POST", "/query", "what is rag?");
    send("GET", "/nowhere", null);
    send("GET", "/boom", null);
    send("POST", "/fail", null); // POST: the client retries a GET whose connection dropped
    send("BREW", "/users/7", null);
    Eventually.await(Duration.ofSeconds(5), "6 server spans", () -> fx.finished().size() >= 6);
    assertThat(fx.finished()).hasSize(6);

    List<SpanData> spans = fx.finished();
    Set<String> spanIds = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
    assertThat(metrics(spanIds) + "\n\n" + spans(spans))
        .isEqualTo(
            """
            http.server.active_requests | Number of active HTTP server requests. | {requests} | LONG_SUM monotonic=false | InstrumentationScopeInfo{name=dev.pillars.tracing.http, version=null, schemaUrl=null, attributes={}}
              {http.request.method=GET, url.scheme=http} value=0 exemplars (of this trace) filtered=[{}]
              {http.request.method=POST, url.scheme=http} value=0 exemplars (of this trace) filtered=[{}]
              {http.request.method=_OTHER, url.scheme=http} value=0 exemplars (of this trace) filtered=[{}]
            http.server.request.body.size | Size of HTTP server request bodies. | By | HISTOGRAM | InstrumentationScopeInfo{name=dev.pillars.tracing.http, version=null, schemaUrl=null, attributes={}}
              {error.type=500, http.request.method=GET, http.response.status_code=500, network.protocol.version=1.1, url.scheme=http} count=1 sum=0.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {error.type=java.lang.IllegalStateException, http.request.method=POST, network.protocol.version=1.1, url.scheme=http} count=1 sum=0.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 sum=0.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=404, network.protocol.version=1.1, url.scheme=http} count=1 sum=0.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=POST, http.response.status_code=200, http.route=/query, network.protocol.version=1.1, url.scheme=http} count=1 sum=12.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=_OTHER, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 sum=0.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
            http.server.request.duration | Duration of HTTP server requests. | s | HISTOGRAM | InstrumentationScopeInfo{name=dev.pillars.tracing.http, version=null, schemaUrl=null, attributes={}}
              {error.type=500, http.request.method=GET, http.response.status_code=500, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
              {error.type=java.lang.IllegalStateException, http.request.method=POST, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=404, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=POST, http.response.status_code=200, http.route=/query, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=_OTHER, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 bounds=[0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0] exemplars (of this trace) filtered=[{}]
            http.server.response.body.size | Size of HTTP server response bodies. | By | HISTOGRAM | InstrumentationScopeInfo{name=dev.pillars.tracing.http, version=null, schemaUrl=null, attributes={}}
              {error.type=500, http.request.method=GET, http.response.status_code=500, network.protocol.version=1.1, url.scheme=http} count=1 sum=5.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 sum=5.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=GET, http.response.status_code=404, network.protocol.version=1.1, url.scheme=http} count=1 sum=5.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=POST, http.response.status_code=200, http.route=/query, network.protocol.version=1.1, url.scheme=http} count=1 sum=5.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]
              {http.request.method=_OTHER, http.response.status_code=200, http.route=/users/{id}, network.protocol.version=1.1, url.scheme=http} count=1 sum=5.0 bounds=[0.0, 5.0, 10.0, 25.0, 50.0, 75.0, 100.0, 250.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 7500.0, 10000.0] exemplars (of this trace) filtered=[{}]

            GET /users/{id} | SERVER | UNSET | events=[]
              {client.address=127.0.0.1, http.request.body.size=0, http.request.method=GET, http.response.body.size=5, http.response.status_code=200, http.route=/users/{id}, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/users/42, url.scheme=http, user_agent.original=*}
            GET | SERVER | ERROR | events=[]
              {client.address=127.0.0.1, error.type=500, http.request.body.size=0, http.request.method=GET, http.response.body.size=5, http.response.status_code=500, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/boom, url.scheme=http, user_agent.original=*}
            GET | SERVER | UNSET | events=[]
              {client.address=127.0.0.1, http.request.body.size=0, http.request.method=GET, http.response.body.size=5, http.response.status_code=404, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/nowhere, url.scheme=http, user_agent.original=*}
            HTTP /users/{id} | SERVER | UNSET | events=[]
              {client.address=127.0.0.1, http.request.body.size=0, http.request.method=_OTHER, http.request.method_original=BREW, http.response.body.size=5, http.response.status_code=200, http.route=/users/{id}, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/users/7, url.scheme=http, user_agent.original=*}
            POST /query | SERVER | UNSET | events=[]
              {client.address=127.0.0.1, http.request.body.size=12, http.request.method=POST, http.response.body.size=5, http.response.status_code=200, http.route=/query, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/query, url.scheme=http, user_agent.original=*}
            POST | SERVER | ERROR | events=[exception]
              {client.address=127.0.0.1, error.type=java.lang.IllegalStateException, http.request.body.size=0, http.request.method=POST, network.peer.address=127.0.0.1, network.peer.port=*, network.protocol.version=1.1, server.address=127.0.0.1, server.port=*, url.path=/fail, url.scheme=http, user_agent.original=*}""");
  }

  private String metrics(Set<String> spanIds) {
    List<String> lines = new ArrayList<>();
    List<MetricData> data =
        fx.reader.collectAllMetrics().stream()
            .filter(
                m -> m.getInstrumentationScopeInfo().getName().equals("dev.pillars.tracing.http"))
            .sorted((a, b) -> a.getName().compareTo(b.getName()))
            .collect(Collectors.toList());
    for (MetricData m : data) {
      String shape =
          switch (m.getType()) {
            case LONG_SUM -> "LONG_SUM monotonic=" + m.getLongSumData().isMonotonic();
            default -> m.getType().name();
          };
      lines.add(
          m.getName()
              + " | "
              + m.getDescription()
              + " | "
              + m.getUnit()
              + " | "
              + shape
              + " | "
              + m.getInstrumentationScopeInfo());
      TreeMap<String, String> points = new TreeMap<>();
      for (PointData p : m.getData().getPoints()) {
        String attributes = attributes(p.getAttributes());
        StringBuilder line = new StringBuilder("  ").append(attributes);
        List<? extends ExemplarData> exemplars = p.getExemplars();
        if (p instanceof LongPointData l) {
          line.append(" value=").append(l.getValue());
        } else if (p instanceof HistogramPointData h) {
          line.append(" count=").append(h.getCount());
          if (!m.getName().equals("http.server.request.duration")) {
            line.append(" sum=").append(h.getSum());
          }
          line.append(" bounds=").append(h.getBoundaries());
        } else {
          line.append(" ").append(p);
        }
        // how many exemplars a sum keeps is the reservoir's random choice; that it keeps one is not
        line.append(exemplars.isEmpty() ? " no exemplar" : " exemplars");
        if (!exemplars.isEmpty()) {
          boolean ours =
              exemplars.stream().allMatch(e -> spanIds.contains(e.getSpanContext().getSpanId()));
          line.append(ours ? " (of this trace)" : " (of another span)");
          // the span's other attributes (url.path, client.address, ...) stay on the span
          java.util.TreeSet<String> filtered = new java.util.TreeSet<>();
          for (ExemplarData e : exemplars) {
            filtered.add(attributes(e.getFilteredAttributes()));
          }
          line.append(" filtered=").append(filtered);
        }
        points.put(attributes, line.toString());
      }
      lines.addAll(points.values());
    }
    return String.join("\n", lines);
  }

  private static String spans(List<SpanData> spans) {
    TreeMap<String, String> byKey = new TreeMap<>();
    for (SpanData s : spans) {
      String attributes = attributes(s.getAttributes());
      byKey.put(
          s.getName() + attributes,
          s.getName()
              + " | "
              + s.getKind()
              + " | "
              + s.getStatus().getStatusCode()
              + " | events="
              + s.getEvents().stream().map(e -> e.getName()).collect(Collectors.toList())
              + "\n  "
              + attributes);
    }
    return String.join("\n", byKey.values());
  }

  private static String attributes(Attributes attributes) {
    TreeMap<String, String> sorted = new TreeMap<>();
    attributes.forEach(
        (k, v) -> sorted.put(k.getKey(), VARYING.contains(k.getKey()) ? "*" : String.valueOf(v)));
    return sorted.toString();
  }
}
