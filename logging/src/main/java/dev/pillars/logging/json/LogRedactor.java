package dev.pillars.logging.json;

/**
 * A rule that removes sensitive content from text before it is written to a log line.
 *
 * <p>Redactors run where the JSON is generated, on every string value and every property name of
 * the line, whichever provider writes it: the message, MDC entries, key-value arguments, markers
 * and structured arguments, stack traces, your own providers. They run on every event, so an
 * implementation should first check cheaply whether its pattern can occur at all, should leave
 * ordinary identifiers alone (names pass through it too), and must return the <em>same
 * instance</em> when it changes nothing (that is how the encoder counts redactions without
 * comparing strings, and remembers names that are clean). A redactor that throws is treated as a
 * bug: the event is still written, with the value replaced by a marker.
 *
 * <p>Add one in {@code logback.xml} inside the encoder:
 *
 * <pre>{@code
 * <encoder class="dev.pillars.logging.json.PillarsJsonEncoder">
 *   <redactor class="com.example.CustomerNumberRedactor"/>
 * </encoder>
 * }</pre>
 */
@FunctionalInterface
public interface LogRedactor {

  /**
   * Returns the text with sensitive parts replaced.
   *
   * @param text the text, never {@code null}
   * @return the redacted text, or {@code text} itself when nothing was replaced
   */
  String redact(String text);
}
