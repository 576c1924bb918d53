package dev.pillars.examples;

import com.sun.net.httpserver.HttpServer;
import dev.pillars.Pillars;
import dev.pillars.examples.rag.FaultInjection;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.tracing.Pipeline;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.TracePropagation;
import dev.pillars.tracing.http.HttpServerTracing;
import io.opentelemetry.context.Scope;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link RagDemoServiceJoinsTheJavaAgentsTraces} runs in a JVM of its own under the
 * OpenTelemetry Java agent: the demo service as {@code RagDemoService.run} builds it, and beside it
 * one route behind Pillars' own HTTP filter whose stage writes a log line, whose second stage runs
 * on a pool, and which then makes one LLM call current and logs inside it. Prints its ports, then
 * serves until its standard input closes.
 */
final class JavaAgentProbeService {

  private static final Logger LOG = LoggerFactory.getLogger(JavaAgentProbeService.class);

  private JavaAgentProbeService() {}

  public static void main(String[] args) throws Exception {
    try (Pillars pillars =
            Pillars.builder().serviceName("rag-demo").prometheusEndpoint(false).build();
        RagDemoService demo =
            RagDemoService.start(
                pillars,
                new DemoOptions("127.0.0.1", 0, null, 0.02),
                new FaultInjection(0, 0, 0))) {
      PipelineTracing tracing = PipelineTracing.create(pillars);
      Pipeline probe = tracing.pipeline("agent-probe");
      Stage lookup = probe.stage("lookup");
      Stage fetch = probe.stage("fetch");
      ExecutorService pool = TracePropagation.wrap(Executors.newFixedThreadPool(2));
      HttpServerTracing http = HttpServerTracing.builder(pillars).route("/probe").build();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server
          .createContext(
              "/probe",
              exchange -> {
                lookup.run(() -> LOG.info("inside the lookup stage"));
                String doc =
                    fetch.async(() -> CompletableFuture.supplyAsync(() -> "doc", pool)).join();
                try (LlmCall call = tracing.llmCall("chat", "openai", "gpt-4o-mini");
                    Scope inCall = call.makeCurrent()) {
                  LOG.info("inside the llm call");
                  call.recordUsage(12, 3);
                }
                byte[] body = doc.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                  out.write(body);
                }
              })
          .getFilters()
          .add(http.jdkFilter());
      server.start();
      System.out.println(
          "agent-probe ready demo=" + demo.port() + " probe=" + server.getAddress().getPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the test closes our standard input
      }
      server.stop(0);
      pool.shutdown();
    }
  }
}
