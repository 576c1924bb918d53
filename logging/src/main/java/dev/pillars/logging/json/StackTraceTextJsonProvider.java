package dev.pillars.logging.json;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the exception of an event as one {@code stack_trace} string (Logback's usual text, with
 * {@code Caused by:} sections). Exception messages carry user input as often as log messages do;
 * the generator ({@link RedactingJsonGenerator}) redacts the text like every other value.
 */
final class StackTraceTextJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final String fieldName;
  private final ThrowableProxyConverter converter = new ThrowableProxyConverter();

  StackTraceTextJsonProvider(String fieldName) {
    this.fieldName = fieldName;
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
    generator.writeStringProperty(fieldName, trace);
  }
}
