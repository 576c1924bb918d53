package dev.pillars.tracing;

import dev.pillars.AgentMode;
import dev.pillars.Pillars;
import dev.pillars.kit.Text;
import dev.pillars.metrics.Counter;
import dev.pillars.metrics.Gauge;
import dev.pillars.metrics.Histogram;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.metrics.llm.LlmMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of pipeline tracing: one call per stage gives a span, a duration histogram whose
 * exemplars point at that span, an error counter and an active-stages gauge.
 *
 * <pre>{@code
 * PipelineTracing tracing = PipelineTracing.create(pillars);
 * Pipeline selfCritique = tracing.pipeline("self-critique");
 * try (StageScope run = selfCritique.start()) {
 *   String summary = selfCritique.stage("summary").get(() -> llm.summarize(paper));
 *   String critique = selfCritique.stage("critique").get(() -> llm.critique(summary));
 *   try (StageScope revision = selfCritique.open("revision")) {
 *     revision.attribute("paper.length", paper.length());
 *     revised = llm.revise(summary, critique);
 *   }
 * }
 * }</pre>
 *
 * <p>Nothing here throws into the application: invalid names, null or oversized attributes and
 * scopes closed twice or out of order are repaired or ignored, warned about (throttled) and counted
 * in {@code pillars_tracing_misuse_total{reason}}. Exceptions of the application's own code pass
 * through unchanged.
 *
 * <p>Under the OpenTelemetry Java agent, spans are made by the agent's tracer so that they become
 * current and join the agent's traces; metrics stay on the given SDK (see {@link AgentMode}).
 */
public final class PipelineTracing {

  /** The instrumentation scope of the spans this module creates. */
  public static final String INSTRUMENTATION_SCOPE = "dev.pillars.tracing";

  /** System property that opts in to recording prompt and completion content. */
  public static final String CAPTURE_CONTENT_PROPERTY = LlmMetrics.CAPTURE_CONTENT_PROPERTY;

  /** The longest string attribute value kept by default; longer ones are cut. */
  public static final int DEFAULT_MAX_ATTRIBUTE_LENGTH = 4096;

  /** How many distinct pipeline (and, per pipeline, stage) names are cached. */
  static final int MAX_NAMES = 256;

  final Tracer tracer;
  final Misuse misuse;
  final Histogram duration;
  final Counter errors;
  final Gauge active;
  final int maxAttributeLength;
  private final LlmMetrics llm;
  private final ConcurrentHashMap<String, Pipeline> pipelines = new ConcurrentHashMap<>();

  private PipelineTracing(Builder b) {
    // under the Java agent only the agent's spans can become current: see AgentMode
    this.tracer = AgentMode.tracerProvider(b.openTelemetry).get(INSTRUMENTATION_SCOPE);
    Metrics metrics = b.metrics != null ? b.metrics : Metrics.builder(b.openTelemetry).build();
    this.misuse = new Misuse(metrics);
    this.duration = metrics.histogram(StageMetrics.DURATION);
    this.errors = metrics.counter(StageMetrics.ERRORS);
    this.active = metrics.gauge(StageMetrics.ACTIVE);
    this.maxAttributeLength = b.maxAttributeLength;
    this.llm = b.llm != null ? b.llm : defaultLlm(b, metrics);
  }

  /**
   * Pipeline tracing over the SDK and metrics facade of {@code pillars}.
   *
   * <pre>{@code
   * PipelineTracing tracing = PipelineTracing.create(pillars);
   * }</pre>
   */
  public static PipelineTracing create(Pillars pillars) {
    Objects.requireNonNull(pillars, "pillars");
    return builder(pillars.openTelemetry()).metrics(pillars.metrics()).build();
  }

  /**
   * Starts configuring pipeline tracing over any OpenTelemetry instance.
   *
   * <pre>{@code
   * PipelineTracing tracing = PipelineTracing.builder(openTelemetry)
   *     .metrics(Metrics.builder(openTelemetry).build())
   *     .captureContent(false)
   *     .build();
   * }</pre>
   */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /**
   * The pipeline called {@code name}, created on first use and cached; keep it in a field. A null
   * or blank name gives the pipeline {@code _invalid} (warned and counted, never thrown).
   */
  public Pipeline pipeline(String name) {
    String clean = Names.clean(name, misuse, "pipeline");
    Pipeline p = pipelines.get(clean);
    if (p != null) {
      return p;
    }
    if (pipelines.size() >= MAX_NAMES) {
      misuse.report(
          Misuse.Reason.TOO_MANY_NAMES,
          "more than "
              + MAX_NAMES
              + " pipeline names; '"
              + Text.printable(clean)
              + "' is not cached. Pipeline names must be a fixed set, not ids or queries.");
      return new Pipeline(this, clean);
    }
    return pipelines.computeIfAbsent(clean, n -> new Pipeline(this, n));
  }

  /**
   * Starts one call to a generative-AI model: a shorthand for core's {@link LlmMetrics#call}
   * through the {@link LlmMetrics} this was built with ({@link Builder#llm}), so a call inside a
   * stage is recorded once, by core's recorder, as a child span of the stage.
   *
   * <pre>{@code
   * try (LlmCall call = tracing.llmCall("chat", "anthropic", "claude-sonnet-4-20250514")) {
   *   Reply reply = client.send(prompt);
   *   call.recordUsage(reply.inputTokens(), reply.outputTokens());
   * }
   * }</pre>
   *
   * @param operation {@code gen_ai.operation.name}: chat, embeddings, text_completion, ...
   * @param provider {@code gen_ai.provider.name}: openai, anthropic, aws.bedrock, ...
   * @param model {@code gen_ai.request.model}
   */
  public LlmCall llmCall(String operation, String provider, String model) {
    return llm.call(provider, model).operation(operation).start();
  }

  /** The LLM recorder that {@link #llmCall} goes through. */
  public LlmMetrics llm() {
    return llm;
  }

  /** Whether prompt and completion content is recorded on LLM spans (off by default). */
  public boolean capturesContent() {
    return llm.capturesContent();
  }

  /** The LLM recorder when none was given: no prices; content as set here or by the default. */
  private static LlmMetrics defaultLlm(Builder b, Metrics metrics) {
    LlmMetrics.Builder llm =
        LlmMetrics.builder(b.openTelemetry, metrics).maxContentLength(b.maxAttributeLength);
    if (b.captureContent != null) {
      llm.captureContent(b.captureContent);
    }
    return llm.build();
  }

  /** Configures {@link PipelineTracing}; setters return {@code this}. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private Metrics metrics;
    private LlmMetrics llm;
    private @Nullable Boolean captureContent; // unset: LlmMetrics' default (the environment)
    private int maxAttributeLength = DEFAULT_MAX_ATTRIBUTE_LENGTH;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /** The metrics facade stages record through; default a new one over the same SDK. */
    public Builder metrics(Metrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * The LLM recorder {@link PipelineTracing#llmCall} goes through, with its prices; default one
     * over the same SDK and metrics, without prices. Give the one the rest of your code uses.
     */
    public Builder llm(LlmMetrics llm) {
      this.llm = Objects.requireNonNull(llm, "llm");
      return this;
    }

    /**
     * Records prompts and completions on LLM spans (of the default {@link #llm} only). Off by
     * default because they may hold personal data; the default follows {@code
     * OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} (or system property {@value
     * #CAPTURE_CONTENT_PROPERTY}).
     */
    public Builder captureContent(boolean capture) {
      this.captureContent = capture;
      return this;
    }

    /** The longest string attribute value kept (at least 32); default 4096. */
    public Builder maxAttributeLength(int length) {
      if (length < 32) {
        throw new IllegalArgumentException(
            "maxAttributeLength must be at least 32, got "
                + length
                + "; pick a length such as "
                + DEFAULT_MAX_ATTRIBUTE_LENGTH);
      }
      this.maxAttributeLength = length;
      return this;
    }

    /** Builds it; instruments are registered now, configuration is frozen. */
    public PipelineTracing build() {
      return new PipelineTracing(this);
    }
  }
}
