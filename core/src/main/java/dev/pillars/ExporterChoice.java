package dev.pillars;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pillars' exporter defaults, applied only where the user chose nothing: Prometheus for metrics,
 * and OTLP for a signal only when an endpoint that signal uses is configured. The general {@code
 * otel.exporter.otlp.endpoint} counts for traces and metrics; a signal's own endpoint ({@code
 * otel.exporter.otlp.traces.endpoint}, {@code .metrics.}, {@code .logs.}) counts for that signal
 * alone, so a metrics-only collector address never starts span export to the default
 * localhost:4318. OpenTelemetry logs stay off unless their own endpoint or {@code
 * otel.logs.exporter} asks for them: Pillars' logs go through Logback.
 *
 * @param prometheus whether the Prometheus reader is wanted (Pillars registers it itself, so it is
 *     taken out of {@code otel.metrics.exporter})
 * @param properties the properties to hand back to autoconfigure
 */
record ExporterChoice(boolean prometheus, Map<String, String> properties) {

  static final String GENERAL_ENDPOINT = "otel.exporter.otlp.endpoint";

  static ExporterChoice of(ConfigProperties c) {
    boolean general = c.getString(GENERAL_ENDPOINT) != null;
    Map<String, String> out = new HashMap<>();
    List<String> metricExporters =
        new ArrayList<>(
            c.getList(
                "otel.metrics.exporter",
                general || hasOwnEndpoint(c, "metrics")
                    ? List.of("prometheus", "otlp")
                    : List.of("prometheus")));
    boolean prometheus = metricExporters.remove("prometheus");
    metricExporters.remove("none");
    out.put(
        "otel.metrics.exporter",
        metricExporters.isEmpty() ? "none" : String.join(",", metricExporters));
    if (c.getString("otel.traces.exporter") == null) {
      out.put("otel.traces.exporter", general || hasOwnEndpoint(c, "traces") ? "otlp" : "none");
    }
    if (c.getString("otel.logs.exporter") == null) {
      out.put("otel.logs.exporter", hasOwnEndpoint(c, "logs") ? "otlp" : "none");
    }
    if (c.getString(ConfigKeys.SDK_TELEMETRY_VERSION) == null) {
      out.put(ConfigKeys.SDK_TELEMETRY_VERSION, "latest");
    }
    return new ExporterChoice(prometheus, Map.copyOf(out));
  }

  private static boolean hasOwnEndpoint(ConfigProperties c, String signal) {
    return c.getString("otel.exporter.otlp." + signal + ".endpoint") != null;
  }
}
