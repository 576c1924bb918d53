package dev.pillars.examples.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tiny in-memory retriever: each document scores the share of the query's words it contains (0 to
 * 1, LangChain4j's {@link ContentMetadata#SCORE}); documents that share none are left out.
 */
public final class TravelGuide implements ContentRetriever {

  private static final List<String> DOCUMENTS =
      List.of(
          "Paris is the capital of France; its weather is mild in spring.",
          "Lyon is known for its food and lies where the Rhone meets the Saone.",
          "Oslo winters are cold and dark; the weather turns quickly.");

  @Override
  public List<Content> retrieve(Query query) {
    Set<String> words = words(query.text());
    List<Content> found = new ArrayList<>();
    for (String d : DOCUMENTS) {
      Set<String> in = words(d);
      long shared = words.stream().filter(in::contains).count();
      if (shared > 0) {
        double score = (double) shared / words.size();
        found.add(Content.from(TextSegment.from(d), Map.of(ContentMetadata.SCORE, score)));
      }
    }
    return found;
  }

  private static Set<String> words(String text) {
    return new HashSet<>(
        Arrays.asList(
            text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L} ]", " ").trim().split("\\s+")));
  }
}
