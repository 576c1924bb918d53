package dev.pillars.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/** Writes the constant {@code service} and {@code environment} fields; an empty value is left out. */
final class ServiceFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final String serviceFieldName;
  private final String service;
  private final String environmentFieldName;
  private final String environment;

  ServiceFieldsJsonProvider(
      String serviceFieldName, String service, String environmentFieldName, String environment) {
    this.serviceFieldName = serviceFieldName;
    this.service = Utf16Cleaner.clean(service);
    this.environmentFieldName = environmentFieldName;
    this.environment = Utf16Cleaner.clean(environment);
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    if (!service.isEmpty()) {
      generator.writeStringProperty(serviceFieldName, service);
    }
    if (!environment.isEmpty()) {
      generator.writeStringProperty(environmentFieldName, environment);
    }
  }
}
