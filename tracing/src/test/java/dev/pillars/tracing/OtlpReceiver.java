package dev.pillars.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An OTLP/HTTP trace receiver on loopback that decodes the real wire format (opentelemetry-proto
 * {@code ExportTraceServiceRequest}), standing in for a collector.
 */
public final class OtlpReceiver implements OtlpTraceReceiver {

  private final HttpServer server;
  private final List<ResourceSpans> received = new ArrayList<>();

  private OtlpReceiver(int port, Duration delay) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          ExportTraceServiceRequest request;
          try (InputStream in = exchange.getRequestBody()) {
            request = ExportTraceServiceRequest.parseFrom(in);
          }
          sleep(delay);
          synchronized (received) {
            received.addAll(request.getResourceSpansList());
          }
          byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpReceiver start() throws IOException {
    return new OtlpReceiver(0, Duration.ZERO);
  }

  /** Starts a receiver on {@code port}, e.g. one that was dead until now. */
  public static OtlpReceiver startOn(int port) throws IOException {
    return new OtlpReceiver(port, Duration.ZERO);
  }

  /**
   * Starts a slow collector on a free loopback port: it waits {@code delay} before it takes in and
   * answers each request, one request at a time.
   */
  public static OtlpReceiver startSlow(Duration delay) throws IOException {
    return new OtlpReceiver(0, delay);
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A loopback port nobody listens on (free when this returns). */
  public static int deadPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public List<ResourceSpans> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
