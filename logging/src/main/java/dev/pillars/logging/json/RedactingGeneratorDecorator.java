package dev.pillars.logging.json;

import java.util.List;
import net.logstash.logback.decorate.JsonGeneratorDecorator;
import tools.jackson.core.JsonGenerator;

/**
 * Wraps each generator the encoder creates (one per thread) in a {@link RedactingJsonGenerator}.
 * Configured when the encoder starts, before any generator exists.
 */
final class RedactingGeneratorDecorator implements JsonGeneratorDecorator {

  private volatile TextScrubber scrubber = new TextScrubber(List.of());
  private volatile RedactingJsonGenerator.FieldRoles roles = RedactingJsonGenerator.FieldRoles.NONE;

  void configure(TextScrubber scrubber, RedactingJsonGenerator.FieldRoles roles) {
    this.scrubber = scrubber;
    this.roles = roles;
  }

  @Override
  public JsonGenerator decorate(JsonGenerator generator) {
    return new RedactingJsonGenerator(generator, scrubber, roles);
  }
}
