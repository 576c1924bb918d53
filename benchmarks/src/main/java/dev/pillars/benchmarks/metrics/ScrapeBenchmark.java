package dev.pillars.benchmarks.metrics;

import dev.pillars.Pillars;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.MetricDefinition;
import dev.pillars.metrics.Metrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A {@code /metrics} scrape of {@code series} counter series (1,000, 10,000 or 50,000), rendered to
 * a Prometheus text 0.0.4 String: Pillars' {@code metricsText()} (the OTel Prometheus exporter
 * underneath) against client_java's own registry and writer. A metric holds at most 1998 series, so
 * both sides spread the series over metrics of at most {@value #SERIES_PER_METRIC} series each
 * (10,000 over 6, 50,000 over 30), with labels {@code endpoint} and {@code status}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ScrapeBenchmark {

  static final int SERIES_PER_METRIC = 1667;

  /** How many series the scrape holds. */
  @Param({"1000", "10000", "50000"})
  public int series;

  static int metrics(int series) {
    return (series + SERIES_PER_METRIC - 1) / SERIES_PER_METRIC;
  }

  static String endpoint(int series) {
    return "/api/v1/resource/" + series;
  }

  /** Pillars with the series, each incremented once. */
  @State(Scope.Benchmark)
  public static class PillarsSide {
    Pillars pillars;

    @Setup(Level.Trial)
    public void setUp(ScrapeBenchmark b) {
      int count = b.series;
      int metricCount = metrics(count);
      pillars = PillarsUnderTest.start();
      Metrics metrics = pillars.metrics();
      Counter[] counters = new Counter[metricCount];
      for (int m = 0; m < metricCount; m++) {
        counters[m] =
            metrics.counter(
                MetricDefinition.counter("scrape_requests_" + m)
                    .description("Requests, for the scrape benchmark")
                    .labelNames("endpoint", "status")
                    .build());
      }
      for (int i = 0; i < count; i++) {
        counters[i % metricCount].labels(endpoint(i), "200").increment(i + 1);
      }
      String text = pillars.metricsText();
      long lines = text.lines().filter(l -> l.startsWith("scrape_requests_")).count();
      if (lines != count || text.contains("otel_metric_overflow")) {
        throw new IllegalStateException("expected " + count + " series, got " + lines);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pillars.close();
    }
  }

  /** client_java 1.8 with the same series in its own registry. */
  @State(Scope.Benchmark)
  public static class ClientJavaSide {
    PrometheusRegistry registry;
    PrometheusTextFormatWriter writer;
    int lastSize = 8192 - 1024;

    @Setup(Level.Trial)
    public void setUp(ScrapeBenchmark b) {
      int count = b.series;
      int metricCount = metrics(count);
      registry = new PrometheusRegistry();
      writer = PrometheusTextFormatWriter.create();
      io.prometheus.metrics.core.metrics.Counter[] counters =
          new io.prometheus.metrics.core.metrics.Counter[metricCount];
      for (int m = 0; m < metricCount; m++) {
        counters[m] =
            io.prometheus.metrics.core.metrics.Counter.builder()
                .name("scrape_requests_" + m)
                .help("Requests, for the scrape benchmark")
                .labelNames("endpoint", "status")
                .register(registry);
      }
      for (int i = 0; i < count; i++) {
        counters[i % metricCount].labelValues(endpoint(i), "200").inc(i + 1);
      }
    }
  }

  @Benchmark
  public String pillarsMetricsText(PillarsSide p) {
    return p.pillars.metricsText();
  }

  /**
   * Scrape and write exactly as Pillars does: into a byte buffer sized by the last scrape plus 1
   * KiB (as client_java's own scrape handler sizes it), then one UTF-8 String.
   */
  @Benchmark
  public String clientJavaText(ClientJavaSide c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(c.lastSize + 1024);
    c.writer.write(out, c.registry.scrape());
    c.lastSize = out.size();
    return out.toString(StandardCharsets.UTF_8);
  }
}
