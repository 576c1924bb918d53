package dev.pillars.langchain4j;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverErrorContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverRequestContext;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverResponseContext;
import dev.langchain4j.rag.query.Metadata;
import dev.langchain4j.rag.query.Query;
import dev.pillars.metrics.BoundCounter;
import dev.pillars.metrics.llm.LlmMetrics;
import dev.pillars.tracing.Stage;
import dev.pillars.tracing.StageScope;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each retrieval of an observed {@code ContentRetriever} as a pipeline stage (LangChain4j calls the
 * three methods on the retrieving thread): the number of documents on the span, each document's
 * score in {@code rag_relevance_score}, an empty result in {@code rag_empty_retrievals_total}, a
 * failure on the stage.
 */
final class RetrievalListener implements ContentRetrieverListener {

  static final String SCOPE = "dev.pillars.langchain4j.retrieval";
  static final String PARENT = "dev.pillars.langchain4j.retrieval.parent";
  static final String DOCUMENTS = "rag.documents.count";

  private final Stage stage;
  private final LlmMetrics llm;
  private final String operation;
  private final BoundCounter empty;
  private final ListenerWarnings warnings;
  private final Function<InvocationContext, Context> invocations;

  RetrievalListener(
      Stage stage,
      LlmMetrics llm,
      BoundCounter empty,
      ListenerWarnings warnings,
      Function<InvocationContext, Context> invocations) {
    this.stage = stage;
    this.invocations = invocations;
    this.llm = llm;
    this.operation = stage.name();
    this.empty = empty;
    this.warnings = warnings;
    empty.increment(0); // the first empty retrieval must show in increase(..)
  }

  @Override
  public void onRequest(ContentRetrieverRequestContext ctx) {
    try {
      // An AI service's retrieval belongs to its invocation, also when it runs where that is not
      // current: a TokenStream's, before the stream starts, or one on a query router's executor.
      Context invocation = invocationOf(ctx.query());
      if (invocation != null) {
        ctx.attributes().put(PARENT, invocation.makeCurrent());
      }
      StageScope scope = stage.open();
      scope.attribute("gen_ai.operation.name", "retrieval");
      ctx.attributes().put(SCOPE, scope);
    } catch (RuntimeException e) {
      warnings.warn("retrieval onRequest", e);
    }
  }

  @Override
  public void onResponse(ContentRetrieverResponseContext ctx) {
    StageScope scope = scope(ctx.attributes());
    if (scope == null) {
      return;
    }
    try {
      List<Content> contents = ctx.contents();
      int n = contents == null ? 0 : contents.size();
      scope.attribute(DOCUMENTS, (long) n);
      if (n == 0) {
        empty.increment();
      }
      for (int i = 0; i < n; i++) {
        Content c = contents.get(i);
        Map<ContentMetadata, Object> metadata = c == null ? null : c.metadata();
        Object score = metadata == null ? null : metadata.get(ContentMetadata.SCORE);
        if (score instanceof Number) {
          double s = ((Number) score).doubleValue();
          if (s >= 0 && s <= 1) {
            llm.recordRelevance(operation, s);
          }
        }
      }
    } catch (RuntimeException e) {
      warnings.warn("retrieval onResponse", e);
    } finally {
      close(scope, ctx.attributes());
    }
  }

  @Override
  public void onError(ContentRetrieverErrorContext ctx) {
    StageScope scope = scope(ctx.attributes());
    if (scope == null) {
      return;
    }
    try {
      scope.fail(ChatCallListener.cause(ctx.error()));
    } finally {
      close(scope, ctx.attributes());
    }
  }

  private Context invocationOf(Query query) {
    Metadata metadata = query == null ? null : query.metadata();
    InvocationContext ic = metadata == null ? null : metadata.invocationContext();
    return ic == null ? null : invocations.apply(ic);
  }

  /** Ends the stage, then gives the thread back the context it had before the stage's parent. */
  private static void close(StageScope scope, Map<Object, Object> attributes) {
    scope.close();
    Object parent = attributes.remove(PARENT);
    if (parent instanceof Scope) {
      ((Scope) parent).close();
    }
  }

  private static StageScope scope(Map<Object, Object> attributes) {
    Object s = attributes == null ? null : attributes.remove(SCOPE);
    return s instanceof StageScope ? (StageScope) s : null;
  }
}
