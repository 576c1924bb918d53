package dev.pillars;

/**
 * Thrown by {@link PillarsBuilder#build()} when the configuration cannot work: a port in use, a
 * malformed value. The message names the setting that fixes it.
 */
public final class PillarsConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says how to fix the configuration. */
  public PillarsConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message that says how to fix the configuration. */
  public PillarsConfigurationException(String message) {
    super(message);
  }
}
