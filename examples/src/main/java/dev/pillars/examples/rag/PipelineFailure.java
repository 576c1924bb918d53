package dev.pillars.examples.rag;

/**
 * A simulated pipeline failure: what went wrong ({@code error_type}, a bounded set), which
 * stage, and the HTTP status the service answers with.
 */
public final class PipelineFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final String stage;
  private final int httpStatus;

  PipelineFailure(String errorType, String stage, int httpStatus, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.stage = stage;
    this.httpStatus = httpStatus;
  }

  /** The bounded error type: {@code rate_limited}, {@code timeout}, {@code retrieval_unavailable}. */
  public String errorType() {
    return errorType;
  }

  /** The pipeline stage that failed. */
  public String stage() {
    return stage;
  }

  /** 429 for rate limits, 5xx otherwise. */
  public int httpStatus() {
    return httpStatus;
  }
}
