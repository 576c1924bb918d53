package dev.pillars;

import com.sun.net.httpserver.HttpServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.MetricsServiceGrpc;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP receiver on loopback that decodes what it gets: OTLP/HTTP protobuf for metrics, traces
 * and logs, or OTLP/gRPC metrics on a real gRPC server. It records the metric names, span names and
 * log bodies it decoded.
 */
final class OtlpSignalReceiver implements AutoCloseable {

  final List<String> metricNames = new CopyOnWriteArrayList<>();
  final List<String> spanNames = new CopyOnWriteArrayList<>();
  final List<String> logBodies = new CopyOnWriteArrayList<>();
  private final AutoCloseable server;
  private final int port;

  private OtlpSignalReceiver(boolean grpc) throws IOException {
    if (grpc) {
      Server s =
          NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
              .addService(
                  new MetricsServiceGrpc.MetricsServiceImplBase() {
                    @Override
                    public void export(
                        ExportMetricsServiceRequest request,
                        StreamObserver<ExportMetricsServiceResponse> response) {
                      addMetrics(request);
                      response.onNext(ExportMetricsServiceResponse.getDefaultInstance());
                      response.onCompleted();
                    }
                  })
              .build()
              .start();
      port = s.getPort();
      server =
          () -> {
            s.shutdownNow();
            s.awaitTermination(5, TimeUnit.SECONDS);
          };
      return;
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          switch (exchange.getRequestURI().getPath()) {
            case "/v1/metrics":
              addMetrics(ExportMetricsServiceRequest.parseFrom(body));
              break;
            case "/v1/traces":
              ExportTraceServiceRequest.parseFrom(body).getResourceSpansList().stream()
                  .flatMap(r -> r.getScopeSpansList().stream())
                  .flatMap(sc -> sc.getSpansList().stream())
                  .forEach(span -> spanNames.add(span.getName()));
              break;
            case "/v1/logs":
              ExportLogsServiceRequest.parseFrom(body).getResourceLogsList().stream()
                  .flatMap(r -> r.getScopeLogsList().stream())
                  .flatMap(sc -> sc.getLogRecordsList().stream())
                  .forEach(log -> logBodies.add(log.getBody().getStringValue()));
              break;
            default:
              exchange.sendResponseHeaders(404, -1);
              exchange.close();
              return;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    s.start();
    port = s.getAddress().getPort();
    server = () -> s.stop(0);
  }

  /** OTLP/HTTP protobuf on {@code /v1/metrics}, {@code /v1/traces}, {@code /v1/logs}. */
  static OtlpSignalReceiver http() throws IOException {
    return new OtlpSignalReceiver(false);
  }

  /** OTLP/gRPC, metrics service only. */
  static OtlpSignalReceiver grpc() throws IOException {
    return new OtlpSignalReceiver(true);
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private void addMetrics(ExportMetricsServiceRequest request) {
    request.getResourceMetricsList().stream()
        .flatMap(r -> r.getScopeMetricsList().stream())
        .flatMap(sc -> sc.getMetricsList().stream())
        .forEach(m -> metricNames.add(m.getName()));
  }

  /** Waits up to 10 s for {@code list} to hold {@code value}. */
  static boolean await(List<String> list, String value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!list.contains(value) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return list.contains(value);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
