package dev.pillars.examples.seeds;

import dev.pillars.Pillars;
import dev.pillars.metrics.Metrics;
import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.tracing.Pipeline;
import dev.pillars.tracing.PipelineTracing;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds/002: the self-critique pipeline (summarise a paper, critique the summary, revise it),
 * traced stage by stage with pillars-tracing. One run is a {@code self_critique} root span with
 * three stage spans ({@code summary}, {@code critique}, {@code revision}), each holding the GenAI
 * CLIENT span of its model call; every stage records {@code pipeline_stage_duration_seconds},
 * {@code pipeline_stages_active} and, when it throws, {@code pipeline_stage_errors_total}. The
 * seed's own counters are kept: {@code pipeline_runs_total} and {@code xml_parsing_errors_total} (a
 * critique that is not the expected XML).
 *
 * <pre>{@code
 * try (Pillars pillars = Pillars.fromEnvironment()) {
 *   SelfCritiquePipeline p = new SelfCritiquePipeline(pillars, SelfCritiquePipeline.simulatedModel());
 *   SelfCritiquePipeline.Result r = p.run(paperText);
 * }
 * }</pre>
 *
 * <p>The model is a function from prompt to completion, simulated here; prompts and completions are
 * not recorded on spans unless content capture is opted in.
 */
public final class SelfCritiquePipeline {

  /** The pipeline's name: its root span and the {@code pipeline} label. */
  public static final String PIPELINE = "self_critique";

  /** The model the seed uses. */
  public static final String MODEL = "claude-sonnet-4-20250514";

  static final String PROVIDER = "anthropic";

  private static final Pattern ISSUE = Pattern.compile("<issue>(.*?)</issue>", Pattern.DOTALL);

  private final PipelineTracing tracing;
  private final Metrics metrics;
  private final UnaryOperator<String> model;
  private final Pipeline pipeline;
  private final Stage summary;
  private final Stage critique;
  private final Stage revision;

  /** A pipeline over {@code pillars} calling {@code model} (prompt in, completion out). */
  public SelfCritiquePipeline(Pillars pillars, UnaryOperator<String> model) {
    this.tracing = PipelineTracing.create(pillars);
    this.metrics = pillars.metrics();
    this.model = Objects.requireNonNull(model, "model");
    this.pipeline = tracing.pipeline(PIPELINE);
    this.summary = pipeline.stage("summary");
    this.critique = pipeline.stage("critique");
    this.revision = pipeline.stage("revision");
  }

  /**
   * What one run produced.
   *
   * @param summary the first summary
   * @param issues the critique's issues, one per {@code <issue>} element
   * @param revised the revised summary, empty when the run failed
   * @param failedStage the stage that failed, or empty
   * @param traceId the run's trace id
   */
  public record Result(
      String summary, List<String> issues, String revised, String failedStage, String traceId) {

    /** Whether every stage succeeded. */
    public boolean succeeded() {
      return failedStage.isEmpty();
    }
  }

  /** Raised by the critique stage when the model's answer is not the expected XML. */
  public static final class CritiqueFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CritiqueFormatException(String message) {
      super(message);
    }
  }

  /**
   * Runs the three stages on {@code paper}. Never throws for a bad paper or a malformed critique:
   * the failing stage is marked on its span and counted, and the result says which it was.
   */
  public Result run(String paper) {
    String text = paper == null ? "" : paper;
    metrics.incrementCounter("pipeline_runs", "model_name", MODEL);
    try (StageScope run = pipeline.start()) {
      run.attribute("paper.length", (long) text.length());
      String traceId = Span.current().getSpanContext().getTraceId();
      String first = summary.get(() -> complete("Summarise this paper:\n" + text));
      List<String> issues;
      try {
        issues =
            critique.get(
                () ->
                    parseIssues(
                        complete(
                            "Critique as <critique><issue>..."
                                + "</issue></critique>:\n"
                                + first)));
      } catch (CritiqueFormatException e) {
        run.fail(e);
        metrics.incrementCounter("xml_parsing_errors");
        return new Result(first, List.of(), "", "critique", traceId);
      }
      String revised =
          revision.get(() -> complete("Revise the summary to address: " + issues + "\n" + first));
      return new Result(first, issues, revised, "", traceId);
    }
  }

  /** One model call as a GenAI span (tokens estimated at four characters each). */
  private String complete(String prompt) {
    try (LlmCall call = tracing.llmCall("chat", PROVIDER, MODEL)) {
      call.prompt(prompt);
      String completion = model.apply(prompt);
      String out = completion == null ? "" : completion;
      call.recordUsage(prompt.length() / 4 + 1, out.length() / 4 + 1).completion(out);
      return out;
    }
  }

  private static List<String> parseIssues(String xml) {
    String t = xml.strip();
    if (!t.startsWith("<critique>") || !t.endsWith("</critique>")) {
      throw new CritiqueFormatException("the critique is not a <critique> element");
    }
    List<String> issues = new ArrayList<>();
    Matcher m = ISSUE.matcher(t);
    while (m.find()) {
      issues.add(m.group(1).strip());
    }
    return List.copyOf(issues);
  }

  /** A stand-in model: deterministic answers in the shapes the stages expect. */
  public static UnaryOperator<String> simulatedModel() {
    return prompt -> {
      String p = prompt.toLowerCase(Locale.ROOT);
      if (p.startsWith("critique")) {
        return "<critique><issue>states no sample size</issue>"
            + "<issue>overstates the effect</issue></critique>";
      }
      if (p.startsWith("revise")) {
        return "A revised summary that gives the sample size and a measured effect.";
      }
      return "A summary of the paper in three sentences.";
    };
  }

  /** Runs the pipeline once on a sample paper and prints the result and the stage metrics. */
  public static void main(String[] args) {
    try (Pillars pillars =
        Pillars.builder().serviceName("self-critique").prometheusEndpoint(false).build()) {
      Result r =
          new SelfCritiquePipeline(pillars, simulatedModel())
              .run("We measured the effect of caching on RAG latency across 40 services.");
      System.out.println(
          "trace " + r.traceId() + ": " + r.issues().size() + " issues, revised: " + r.revised());
      pillars
          .metricsText()
          .lines()
          .filter(l -> l.startsWith("pipeline_") && !l.contains("_bucket{"))
          .forEach(System.out::println);
    }
  }
}
