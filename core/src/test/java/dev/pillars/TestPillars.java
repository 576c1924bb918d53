package dev.pillars;

/** Pillars for tests: ephemeral port, no global, no runtime metrics, no hook, fixed identity. */
final class TestPillars {

  private TestPillars() {}

  static Pillars.Builder builder() {
    return Pillars.builder()
        .serviceName("pillars-test")
        .serviceVersion("1.0.0")
        .environment("test")
        .prometheusPort(0)
        .registerGlobal(false)
        .runtimeMetrics(false)
        .shutdownHook(false);
  }

  /** Records the fixed set of metrics that the golden file pins. */
  static void recordFixedSet(Pillars pillars) {
    var m = pillars.metrics();
    m.incrementCounter("request_count", "endpoint", "/query", "method", "POST", "status", "200");
    m.incrementCounter("request_count", 2, "endpoint", "/query", "method", "POST", "status", "500");
    m.incrementCounter("cache_hits", 0.5, "cache_name", "say \"hi\"\\ \nnow", "operation", "get");
    m.recordHistogram("request_duration", 0.3, "endpoint", "/query", "method", "POST");
    m.recordHistogram("request_duration", 1234.5678, "endpoint", "/query", "method", "POST");
    m.setGauge("cache_size", 1_048_576, "cache_name", "embeddings");
    m.setGauge("queue_size", -2.25, "queue_name", "ingest");
  }
}
