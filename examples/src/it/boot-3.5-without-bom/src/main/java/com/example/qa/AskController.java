package com.example.qa;

import dev.pillars.metrics.llm.LlmCall;
import dev.pillars.tracing.Pipeline;
import dev.pillars.tracing.PipelineTracing;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One request through a stage with an LLM call; answers with the stage's span id. */
@RestController
class AskController {

  private static final Logger LOG = LoggerFactory.getLogger(AskController.class);

  private final PipelineTracing tracing;
  private final Pipeline qa;

  AskController(PipelineTracing tracing) {
    this.tracing = tracing;
    this.qa = tracing.pipeline("qa");
  }

  @GetMapping("/ask/{topic}")
  String ask(@PathVariable String topic) {
    return qa.stage("answer")
        .get(
            () -> {
              LOG.info("answering a question");
              try (LlmCall call = tracing.llmCall("chat", "openai", "gpt-4o-mini")) {
                call.recordUsage(12, 34);
              }
              return Span.current().getSpanContext().getSpanId();
            });
  }
}
