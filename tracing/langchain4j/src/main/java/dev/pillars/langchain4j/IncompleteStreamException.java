package dev.pillars.langchain4j;

/**
 * The {@code error.type} of a streamed response that ended without saying why it stopped (no finish
 * reason): the server closed the stream early, and LangChain4j reported the partial text as a
 * success. Never thrown to the application; it only names the failure on the span and metrics.
 */
public final class IncompleteStreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An incomplete stream, with what was known about it. */
  public IncompleteStreamException(String message) {
    super(message, null, false, false);
  }
}
