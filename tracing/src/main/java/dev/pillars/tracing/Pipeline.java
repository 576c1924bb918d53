package dev.pillars.tracing;

import dev.pillars.kit.Text;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named pipeline (rag, self-critique, ingest...) and its stages. Get one from {@link
 * PipelineTracing#pipeline(String)} and keep it; stages are cached by name.
 *
 * <pre>{@code
 * Pipeline rag = tracing.pipeline("rag");
 * Stage retrieve = rag.stage("retrieve");
 * try (StageScope run = rag.start()) {
 *   List<Doc> docs = retrieve.get(() -> store.search(query, 5));
 *   String answer = rag.stage("generate").call(() -> llm.answer(query, docs));
 * }
 * }</pre>
 *
 * <p>The span of {@link #start()} is the root that groups one run's stages: it is named after the
 * pipeline and records no metrics. Stages opened while it is current become its children.
 */
public final class Pipeline {

  final PipelineTracing tracing;
  private final String name;
  private final Stage root;
  private final ConcurrentHashMap<String, Stage> stages = new ConcurrentHashMap<>();

  Pipeline(PipelineTracing tracing, String name) {
    this.tracing = tracing;
    this.name = name;
    this.root = new Stage(this, name, true);
  }

  /** The pipeline's name, the {@code pipeline} label of its metrics. */
  public String name() {
    return name;
  }

  /**
   * Opens the span of one run of the pipeline and makes it current. Close it, best with
   * try-with-resources.
   *
   * <pre>{@code
   * try (StageScope run = pipeline.start()) {
   *   run.attribute("gen_ai.request.model", model);
   *   ...
   * }
   * }</pre>
   */
  public StageScope start() {
    return root.open();
  }

  /**
   * The pipeline's root as a stage, for its lambda forms: {@code pipeline.root().get(..)} runs one
   * whole run of the pipeline inside its root span. Nothing runs until a lambda form is called.
   */
  public Stage root() {
    return root;
  }

  /**
   * The stage called {@code name}, created on first use and cached. Names must be a fixed set
   * (retrieve, rerank, generate), never ids or user input: each is a label value. A null or blank
   * name gives stage {@code _invalid}, warned about and counted, never thrown.
   */
  public Stage stage(String name) {
    String clean = Names.clean(name, tracing.misuse, "stage");
    Stage s = stages.get(clean);
    if (s != null) {
      return s;
    }
    if (stages.size() >= PipelineTracing.MAX_NAMES) {
      tracing.misuse.report(
          Misuse.Reason.TOO_MANY_NAMES,
          "pipeline '"
              + Text.printable(this.name)
              + "' has more than "
              + PipelineTracing.MAX_NAMES
              + " stage names; '"
              + Text.printable(clean)
              + "' is not cached. Stage names must be a fixed set, not ids or queries.");
      return new Stage(this, clean, false);
    }
    return stages.computeIfAbsent(clean, n -> new Stage(this, n, false));
  }

  /** Opens stage {@code name}: shorthand for {@code stage(name).open()}. */
  public StageScope open(String name) {
    return stage(name).open();
  }
}
