package dev.pillars.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the exception of an event as one {@code stack_trace} string (Logback's usual text, with
 * {@code Caused by:} sections), after redaction and cleaning: exception messages carry user input
 * as often as log messages do.
 */
final class ScrubbedStackTraceJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final String fieldName;
  private final TextScrubber scrubber;
  private final ThrowableProxyConverter converter = new ThrowableProxyConverter();

  ScrubbedStackTraceJsonProvider(String fieldName, TextScrubber scrubber) {
    this.fieldName = fieldName;
    this.scrubber = scrubber;
  }

  @Override
  public void start() {
    converter.setContext(getContext());
    converter.start();
    super.start();
  }

  @Override
  public void stop() {
    converter.stop();
    super.stop();
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    if (event.getThrowableProxy() == null) {
      return;
    }
    String trace = converter.convert(event);
    if (trace.endsWith(CoreConstants.LINE_SEPARATOR)) {
      trace = trace.substring(0, trace.length() - CoreConstants.LINE_SEPARATOR.length());
    }
    generator.writeStringProperty(fieldName, scrubber.scrub(trace));
  }
}
