package dev.pillars.metrics.llm;

/**
 * Repairs the token usage a provider reported before a call records it: a negative count (other
 * than -1, unknown) or one above {@link #MAX_TOKENS} becomes unknown, and cache tokens above the
 * input, or reasoning above the output, raise that total to match. Each repair is counted and
 * warned about.
 */
final class UsageRepair {

  /** The most tokens one call may report for one kind; more is treated as unknown. */
  static final long MAX_TOKENS = 100_000_000L;

  private UsageRepair() {}

  /** {@code u} itself when nothing is wrong with it, else the repaired usage of {@code call}. */
  static TokenUsage repaired(TokenUsage u, LlmMisuse misuse, Object call) {
    long in = count(u.inputTokens(), "input", misuse, call);
    long out = count(u.outputTokens(), "output", misuse, call);
    long cacheRead = count(u.cacheReadInputTokens(), "cache read input", misuse, call);
    long cacheWrite = count(u.cacheCreationInputTokens(), "cache creation input", misuse, call);
    long reasoning = count(u.reasoningOutputTokens(), "reasoning output", misuse, call);
    long cached = Math.max(0, cacheRead) + Math.max(0, cacheWrite);
    if (in >= 0 && cached > in) {
      misuse.report(
          LlmMisuse.Reason.INCONSISTENT_TOKENS,
          cached
              + " cache tokens but "
              + in
              + " input tokens on "
              + call
              + "; input must include cache tokens (TokenUsage.anthropic adds them), raised to "
              + cached);
      in = cached;
    }
    if (out >= 0 && reasoning > out) {
      misuse.report(
          LlmMisuse.Reason.INCONSISTENT_TOKENS,
          reasoning
              + " reasoning tokens but "
              + out
              + " output tokens on "
              + call
              + "; output must include reasoning, raised to "
              + reasoning);
      out = reasoning;
    }
    if (in == u.inputTokens()
        && out == u.outputTokens()
        && cacheRead == u.cacheReadInputTokens()
        && cacheWrite == u.cacheCreationInputTokens()
        && reasoning == u.reasoningOutputTokens()) {
      return u;
    }
    return new TokenUsage(in, out, cacheRead, cacheWrite, reasoning);
  }

  private static long count(long tokens, String kind, LlmMisuse misuse, Object call) {
    if (tokens >= -1 && tokens <= MAX_TOKENS) {
      return tokens;
    }
    misuse.report(
        tokens < 0 ? LlmMisuse.Reason.NEGATIVE_TOKENS : LlmMisuse.Reason.ABSURD_TOKENS,
        kind + " token count " + tokens + " on " + call + " is recorded as unknown");
    return -1;
  }
}
