package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.LogIdentity;
import net.logstash.logback.composite.AbstractJsonProvider;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the {@code service} and {@code environment} fields from the encoder's {@link LogIdentity}
 * (which follows the running {@code Pillars}); an empty value is left out.
 *
 * <p>The names and values are scrubbed once for each identity, not for each event, and written
 * through {@link RedactingJsonGenerator#writeCleanProperty}: the same text, without a cache lookup
 * or a scan per line.
 */
final class ServiceFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  /** The fields for one resolution of the identity. */
  private record Scrubbed(
      LogIdentity.Resolved basis,
      CleanText serviceName,
      CleanText service,
      CleanText environmentName,
      CleanText environment) {}

  private final String serviceFieldName;
  private final String environmentFieldName;
  private final LogIdentity identity;
  private final TextScrubber scrubber;
  private volatile Scrubbed scrubbed;

  ServiceFieldsJsonProvider(
      String serviceFieldName,
      String environmentFieldName,
      LogIdentity identity,
      TextScrubber scrubber) {
    this.serviceFieldName = serviceFieldName;
    this.environmentFieldName = environmentFieldName;
    this.identity = identity;
    this.scrubber = scrubber;
    this.scrubbed = scrub(identity.current());
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    LogIdentity.Resolved current = identity.current();
    Scrubbed fields = scrubbed;
    if (fields.basis() != current) {
      fields = scrub(current);
      scrubbed = fields;
    }
    if (generator instanceof RedactingJsonGenerator redacting) {
      if (!current.service().isEmpty()) {
        redacting.writeCleanProperty(fields.serviceName(), fields.service());
      }
      if (!current.environment().isEmpty()) {
        redacting.writeCleanProperty(fields.environmentName(), fields.environment());
      }
      return;
    }
    if (!current.service().isEmpty()) {
      generator.writeStringProperty(serviceFieldName, current.service());
    }
    if (!current.environment().isEmpty()) {
      generator.writeStringProperty(environmentFieldName, current.environment());
    }
  }

  private Scrubbed scrub(LogIdentity.Resolved current) {
    return new Scrubbed(
        current,
        CleanText.of(scrubber, serviceFieldName),
        CleanText.of(scrubber, current.service()),
        CleanText.of(scrubber, environmentFieldName),
        CleanText.of(scrubber, current.environment()));
  }
}
