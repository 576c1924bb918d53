package dev.pillars.examples.rag;

/**
 * How often the simulated pipeline fails, adjustable while it runs (the end-to-end test raises the
 * error probability to induce an alert). Probabilities are clamped to 0..1.
 */
public final class FaultInjection {

  private volatile double llmErrorProbability;
  private volatile double rateLimitProbability;
  private volatile double retrievalErrorProbability;

  /** Failure probabilities per request for LLM timeouts, rate limits and retrieval errors. */
  public FaultInjection(double llmError, double rateLimit, double retrievalError) {
    set(llmError, rateLimit, retrievalError);
  }

  /** The demo's everyday failure mix: about 3% of queries fail. */
  public static FaultInjection everyday() {
    return new FaultInjection(0.01, 0.01, 0.01);
  }

  /** Changes every probability at once. */
  public void set(double llmError, double rateLimit, double retrievalError) {
    this.llmErrorProbability = clamp(llmError);
    this.rateLimitProbability = clamp(rateLimit);
    this.retrievalErrorProbability = clamp(retrievalError);
  }

  double llmError() {
    return llmErrorProbability;
  }

  double rateLimit() {
    return rateLimitProbability;
  }

  double retrievalError() {
    return retrievalErrorProbability;
  }

  private static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }
}
