package dev.pillars.logging;

import net.logstash.logback.decorate.JsonGeneratorDecorator;
import tools.jackson.core.JsonGenerator;

/**
 * Wraps each generator the encoder creates (one per thread) in a {@link RedactingJsonGenerator}.
 * The scrubber is set when the encoder starts, before any generator exists.
 */
final class RedactingGeneratorDecorator implements JsonGeneratorDecorator {

  private volatile TextScrubber scrubber = new TextScrubber(java.util.List.of());

  void scrubber(TextScrubber scrubber) {
    this.scrubber = scrubber;
  }

  @Override
  public JsonGenerator decorate(JsonGenerator generator) {
    return new RedactingJsonGenerator(generator, scrubber);
  }
}
