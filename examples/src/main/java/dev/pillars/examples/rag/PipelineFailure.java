package dev.pillars.examples.rag;

/**
 * A simulated pipeline failure: what went wrong ({@code error_type}, a bounded set), which stage,
 * and the HTTP status the service answers with. Each kind is its own class, so that spans and
 * metrics, which carry the exception's fully qualified class name as {@code error.type}, tell them
 * apart ({@code dev.pillars.examples.rag.PipelineFailure$RateLimited}, ...).
 */
public class PipelineFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final String stage;
  private final int httpStatus;

  private PipelineFailure(String errorType, String stage, int httpStatus, String message) {
    super(message, null, false, false);
    this.errorType = errorType;
    this.stage = stage;
    this.httpStatus = httpStatus;
  }

  /**
   * The bounded error type: {@code rate_limited}, {@code timeout}, {@code retrieval_unavailable}.
   */
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

  /** The provider's rate limit is spent: 429. */
  public static final class RateLimited extends PipelineFailure {
    private static final long serialVersionUID = 1L;

    RateLimited() {
      super("rate_limited", "llm", 429, "the provider's rate limit is spent");
    }
  }

  /** The model did not answer in time: 504. */
  public static final class LlmTimeout extends PipelineFailure {
    private static final long serialVersionUID = 1L;

    LlmTimeout() {
      super("timeout", "llm", 504, "the LLM did not answer in time");
    }
  }

  /** The vector store did not answer: 503. */
  public static final class RetrievalUnavailable extends PipelineFailure {
    private static final long serialVersionUID = 1L;

    RetrievalUnavailable() {
      super("retrieval_unavailable", "retrieval", 503, "the vector store did not answer");
    }
  }
}
