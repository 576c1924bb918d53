package dev.pillars.tracing.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One request to a loopback server of the filters' tests, its response discarded. */
final class LoopbackRequests {

  private LoopbackRequests() {}

  /** Sends {@code method path} with {@code body} (null: none) to 127.0.0.1:{@code port}. */
  static void send(HttpClient client, int port, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    client.send(request, HttpResponse.BodyHandlers.discarding());
  }
}
