package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.LogIdentity;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the {@code service} and {@code environment} fields from the encoder's {@link LogIdentity}
 * (which follows the running {@code Pillars}); an empty value is left out.
 */
final class ServiceFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final String serviceFieldName;
  private final String environmentFieldName;
  private final LogIdentity identity;

  ServiceFieldsJsonProvider(
      String serviceFieldName, String environmentFieldName, LogIdentity identity) {
    this.serviceFieldName = serviceFieldName;
    this.environmentFieldName = environmentFieldName;
    this.identity = identity;
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    LogIdentity.Resolved current = identity.current();
    if (!current.service().isEmpty()) {
      generator.writeStringProperty(serviceFieldName, current.service());
    }
    if (!current.environment().isEmpty()) {
      generator.writeStringProperty(environmentFieldName, current.environment());
    }
  }
}
