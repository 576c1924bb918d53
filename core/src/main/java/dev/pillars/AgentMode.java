package dev.pillars;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Pillars runs under the OpenTelemetry Java agent, and which tracers make spans that can
 * become current there.
 *
 * <p>The agent bridges the application's OpenTelemetry API onto its own: the thread context is the
 * agent's, and a span that the agent's tracer did not make cannot become current in it ({@code
 * Span.current()} gives an invalid span instead). So when the context is bridged, Pillars makes its
 * stage, LLM and HTTP server spans with the global (the agent's) tracer: they become current, nest
 * under the agent's spans in one trace and leave through the agent's span exporter. Metrics stay on
 * Pillars' own SDK and {@code /metrics}.
 *
 * <pre>{@code
 * Tracer tracer = AgentMode.tracerProvider(pillars.openTelemetry()).get("my.scope");
 * }</pre>
 *
 * <p>The test is functional, not a class-name check: a span that is not the global tracer's is made
 * current once and looked for again.
 */
public final class AgentMode {

  private static final Logger LOGGER = LoggerFactory.getLogger(AgentMode.class);

  private AgentMode() {}

  /**
   * Whether the thread context is bridged (the OpenTelemetry Java agent is attached): a span not
   * made by the global tracer does not become current. Probed once; the context storage of a JVM
   * does not change.
   */
  public static boolean active() {
    return Probe.BRIDGED;
  }

  /**
   * The tracers whose spans become current: the global one (the agent's) when the context is
   * bridged and a global is installed, else {@code own}'s.
   */
  public static TracerProvider tracerProvider(OpenTelemetry own) {
    if (active() && GlobalOpenTelemetry.isSet()) {
      Probe.announce();
      return GlobalOpenTelemetry.getTracerProvider();
    }
    return own.getTracerProvider();
  }

  /** Holds the probe's answer, computed on first use. */
  private static final class Probe {
    static final boolean BRIDGED = probe();
    private static volatile boolean announced;

    private static boolean probe() {
      Span probe = new ProbeSpan();
      try (Scope ignored = Context.root().with(probe).makeCurrent()) {
        return !Span.current().getSpanContext().equals(probe.getSpanContext());
      } catch (RuntimeException | LinkageError e) {
        return true;
      }
    }

    static void announce() {
      if (!announced) {
        announced = true;
        LOGGER.info(
            "Pillars: the OpenTelemetry Java agent owns the context; stage, LLM and HTTP server"
                + " spans are made by its tracer and leave through its exporter, metrics stay on"
                + " Pillars' /metrics");
      }
    }
  }

  /** A span of no tracer, with a fixed valid context: what the probe tries to make current. */
  private static final class ProbeSpan implements Span {
    private static final SpanContext CONTEXT =
        SpanContext.create(
            "5069c1a75e1a4f6dbe1a5f5e2a7d3c01",
            "5069c1a75e1a4f6d",
            TraceFlags.getDefault(),
            TraceState.getDefault());

    @Override
    public <T> Span setAttribute(io.opentelemetry.api.common.AttributeKey<T> key, T value) {
      return this;
    }

    @Override
    public Span addEvent(String name, io.opentelemetry.api.common.Attributes attributes) {
      return this;
    }

    @Override
    public Span addEvent(
        String name,
        io.opentelemetry.api.common.Attributes attributes,
        long timestamp,
        java.util.concurrent.TimeUnit unit) {
      return this;
    }

    @Override
    public Span setStatus(io.opentelemetry.api.trace.StatusCode statusCode, String description) {
      return this;
    }

    @Override
    public Span recordException(
        Throwable exception, io.opentelemetry.api.common.Attributes additionalAttributes) {
      return this;
    }

    @Override
    public Span updateName(String name) {
      return this;
    }

    @Override
    public void end() {}

    @Override
    public void end(long timestamp, java.util.concurrent.TimeUnit unit) {}

    @Override
    public SpanContext getSpanContext() {
      return CONTEXT;
    }

    @Override
    public boolean isRecording() {
      return false;
    }
  }
}
