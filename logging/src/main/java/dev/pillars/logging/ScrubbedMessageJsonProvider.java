package dev.pillars.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/** Writes the formatted message after redaction and cleaning. */
final class ScrubbedMessageJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final String fieldName;
  private final TextScrubber scrubber;

  ScrubbedMessageJsonProvider(String fieldName, TextScrubber scrubber) {
    this.fieldName = fieldName;
    this.scrubber = scrubber;
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message != null) {
      generator.writeStringProperty(fieldName, scrubber.scrub(message));
    }
  }
}
