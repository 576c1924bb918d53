package dev.pillars.metrics.llm;

import static dev.pillars.metrics.llm.LlmFixture.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 6: the counters alerts divide by exist at 0 before their first increment, so that
 * increase(..) sees it (a series whose first sample is already 1 shows no increase).
 */
class TheFirstErrorIsVisible {

  private final LlmFixture fx = new LlmFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void aModelsFailureCounterIsZeroOnceTheModelIsSeen() {
    fx.llm.call("openai", "gpt-4o").start().recordUsage(10, 2).end();
    assertThat(
            fx.counter(
                "llm.errors",
                attrs("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o")))
        .isZero();
    assertThat(fx.counterPoints("llm.errors")).hasSize(1);
  }

  @Test
  void aModelIsSeenWhenItsFirstCallStarts() {
    LlmCall running = fx.llm.call("anthropic", "claude-sonnet-4").start();
    assertThat(
            fx.counter(
                "llm.errors",
                attrs(
                    "gen_ai.provider.name",
                    "anthropic",
                    "gen_ai.request.model",
                    "claude-sonnet-4")))
        .isZero();
    running.end();
  }

  @Test
  void ragRequestsStartWithSuccessAndErrorTogether() {
    RagQuery q = fx.llm.startQuery("rag_pipeline");
    assertThat(fx.counter("rag.requests", attrs("operation", "rag_pipeline", "status", "success")))
        .isZero();
    assertThat(fx.counter("rag.requests", attrs("operation", "rag_pipeline", "status", "error")))
        .isZero();
    q.close();
  }
}
