package dev.pillars.langchain4j;

import dev.pillars.metrics.llm.LlmMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a provider says is left of its rate limits into {@code llm_rate_limit_remaining}:
 * OpenAI's {@code x-ratelimit-remaining-requests} / {@code -tokens}, Anthropic's {@code
 * anthropic-ratelimit-requests-remaining} / {@code -tokens-remaining}. Unparsable values are
 * skipped.
 */
final class RateLimitHeaders {

  private RateLimitHeaders() {}

  /** Records the headers found in {@code headers} (names in any case). */
  static void record(LlmMetrics llm, Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return;
    }
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey();
      if (name == null || e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      String n = name.toLowerCase(Locale.ROOT);
      String provider;
      String limitType;
      switch (n) {
        case "x-ratelimit-remaining-requests":
          provider = "openai";
          limitType = "requests";
          break;
        case "x-ratelimit-remaining-tokens":
          provider = "openai";
          limitType = "tokens";
          break;
        case "anthropic-ratelimit-requests-remaining":
          provider = "anthropic";
          limitType = "requests";
          break;
        case "anthropic-ratelimit-tokens-remaining":
          provider = "anthropic";
          limitType = "tokens";
          break;
        case "anthropic-ratelimit-input-tokens-remaining":
          provider = "anthropic";
          limitType = "input_tokens";
          break;
        case "anthropic-ratelimit-output-tokens-remaining":
          provider = "anthropic";
          limitType = "output_tokens";
          break;
        default:
          continue;
      }
      double value = parse(e.getValue().get(0));
      if (!Double.isNaN(value)) {
        llm.rateLimitRemaining(provider, limitType, value);
      }
    }
  }

  private static double parse(String v) {
    if (v == null) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(v.trim());
      return d >= 0 && !Double.isInfinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
