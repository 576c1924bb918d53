package dev.pillars.examples.langchain4j;

import dev.pillars.Pillars;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.util.Locale;

/**
 * What the demo's driven run adds after its traffic: a few questions to the LangChain4j assistant
 * (an AI service with a tool and a retriever, through LangChain4j's OpenAI client against a local
 * server), recorded into the demo's own Pillars, and one summary line read back from what Pillars
 * recorded for the assistant's model.
 */
public final class AssistantTour {

  /** The assistant's model: one the demo's simulated pipeline never calls, priced in the bundle. */
  static final String MODEL = "gpt-4.1-mini";

  private AssistantTour() {}

  /** Asks {@code questions} questions and returns the summary line. */
  public static String run(Pillars pillars, int questions) throws IOException {
    try (LocalOpenAiServer server = LocalOpenAiServer.start()) {
      LangChain4jAssistant assistant = new LangChain4jAssistant(pillars, server.baseUrl(), MODEL);
      String[] cities = {"Paris", "Lisbon", "Oslo"};
      for (int i = 0; i < questions; i++) {
        assistant.ask("What is the weather like in " + cities[i % cities.length]);
      }
    }
    double cost = 0;
    double retries = 0;
    long scores = 0;
    for (MetricSnapshot m : pillars.prometheusRegistry().scrape()) {
      String name = m.getMetadata().getPrometheusName();
      if (m instanceof HistogramSnapshot h && name.equals("rag_relevance_score")) {
        scores +=
            h.getDataPoints().stream()
                .filter(p -> "retrieval".equals(p.getLabels().get("operation")))
                .mapToLong(HistogramSnapshot.HistogramDataPointSnapshot::getCount)
                .sum();
      } else if (m instanceof CounterSnapshot c
          && (name.equals("llm_cost") || name.equals("llm_http_retries"))) {
        double sum =
            c.getDataPoints().stream()
                .filter(p -> MODEL.equals(p.getLabels().get("gen_ai_request_model")))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
        if (name.equals("llm_cost")) {
          cost += sum;
        } else {
          retries += sum;
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "  langchain4j %d answers from an AI service (weather tool, travel retriever) through"
            + " LangChain4j's OpenAI client: %s $%.6f, %d relevance scores, %.0f HTTP retries",
        questions,
        MODEL,
        cost,
        scores,
        retries);
  }
}
