package dev.pillars;

/**
 * Thrown when the configuration cannot work: by a {@code Pillars.Builder} setter given a value out
 * of range, or by {@code build()} for a port in use or a malformed property. The message names the
 * setting that fixes it. An {@link IllegalArgumentException}, as a bad builder argument is.
 */
public final class PillarsConfigurationException extends IllegalArgumentException {

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
