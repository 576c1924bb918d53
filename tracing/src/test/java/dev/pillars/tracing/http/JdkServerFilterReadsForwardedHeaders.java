package dev.pillars.tracing.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.tracing.Eventually;
import dev.pillars.tracing.TracingFixture;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The span attributes the JDK filter takes from proxy headers ({@code Forwarded}, {@code
 * X-Forwarded-For}, {@code -Host}, {@code -Proto}), the user agent and the request body size,
 * written out in full (attribute types included), so that any change to how the filter reads
 * request headers keeps what the HTTP conventions' extractors make of them.
 */
class JdkServerFilterReadsForwardedHeaders {

  /** Differs from run to run (the client's ephemeral port). */
  private static final Set<String> VARYING = Set.of("network.peer.port");

  private final TracingFixture fx = new TracingFixture();
  private final LoopbackJdkServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  JdkServerFilterReadsForwardedHeaders() throws IOException {
    server = new LoopbackJdkServer(HttpServerTracing.builder(fx.pillars).route("/query").build());
  }

  @AfterEach
  void tearDown() {
    server.close();
    fx.close();
  }

  private void send(String body, String... headers) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/query"))
            .timeout(Duration.ofSeconds(5))
            .headers(headers)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    client.send(request, HttpResponse.BodyHandlers.discarding());
  }

  @Test
  void proxyHeadersGiveClientServerAndScheme() throws Exception {
    send(
        "forwarded",
        "Forwarded",
        "for=203.0.113.7;proto=https;host=shop.example:8443",
        "User-Agent",
        "probe/1.0");
    send(
        "x-forwarded!",
        "X-Forwarded-For",
        "198.51.100.2, 10.0.0.1",
        "X-Forwarded-Host",
        "api.example",
        "X-Forwarded-Proto",
        "https",
        "User-Agent",
        "probe/2.0");
    Eventually.await(Duration.ofSeconds(5), "2 server spans", () -> fx.finished().size() >= 2);

    assertThat(spans(fx.finished()))
        .isEqualTo(
            """
            POST /query SERVER {client.address=STRING=198.51.100.2, http.request.body.size=LONG=12, http.request.method=STRING=POST, http.response.body.size=LONG=5, http.response.status_code=LONG=200, http.route=STRING=/query, network.peer.address=STRING=127.0.0.1, network.peer.port=LONG=*, network.protocol.version=STRING=1.1, server.address=STRING=api.example, url.path=STRING=/query, url.scheme=STRING=https, user_agent.original=STRING=probe/2.0}
            POST /query SERVER {client.address=STRING=203.0.113.7, http.request.body.size=LONG=9, http.request.method=STRING=POST, http.response.body.size=LONG=5, http.response.status_code=LONG=200, http.route=STRING=/query, network.peer.address=STRING=127.0.0.1, network.peer.port=LONG=*, network.protocol.version=STRING=1.1, server.address=STRING=shop.example, server.port=LONG=8443, url.path=STRING=/query, url.scheme=STRING=https, user_agent.original=STRING=probe/1.0}""");
  }

  private static String spans(List<SpanData> spans) {
    return spans.stream()
        .map(s -> s.getName() + " " + s.getKind() + " " + attributes(s.getAttributes()))
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  /** Each attribute as {@code key:TYPE=value}, sorted by key. */
  private static String attributes(Attributes attributes) {
    TreeMap<String, String> sorted = new TreeMap<>();
    attributes.forEach(
        (k, v) ->
            sorted.put(
                k.getKey(),
                k.getType() + "=" + (VARYING.contains(k.getKey()) ? "*" : String.valueOf(v))));
    return sorted.toString();
  }
}
