package dev.pillars.logging.json;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Hands a generator to logstash-logback-encoder's marker and argument providers and renames each
 * top-level name they write that the line already holds ({@code service} from {@code kv("service",
 * ..)} becomes {@code arg_service}), so that a JSON object never holds a name twice. Names inside
 * nested objects are left alone. Created only for events that carry markers or structured
 * arguments.
 */
final class RenamingJsonGenerator extends JsonGeneratorDelegate {

  private final Set<String> used;
  private final TextScrubber scrubber;
  private int depth;

  RenamingJsonGenerator(JsonGenerator delegate, Set<String> used, TextScrubber scrubber) {
    super(delegate, false);
    this.used = used;
    this.scrubber = scrubber;
  }

  @Override
  public JsonGenerator writeName(@Nullable String name) {
    if (depth == 0 && name != null) {
      return super.writeName(ContextFieldsJsonProvider.unique(scrubber.scrub(name), "arg_", used));
    }
    return super.writeName(name);
  }

  @Override
  public JsonGenerator writeName(tools.jackson.core.SerializableString name) {
    return writeName(name.getValue());
  }

  @Override
  public JsonGenerator writeStartObject() {
    depth++;
    return super.writeStartObject();
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue) {
    depth++;
    return super.writeStartObject(forValue);
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue, int size) {
    depth++;
    return super.writeStartObject(forValue, size);
  }

  @Override
  public JsonGenerator writeStartArray() {
    depth++;
    return super.writeStartArray();
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue) {
    depth++;
    return super.writeStartArray(forValue);
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue, int size) {
    depth++;
    return super.writeStartArray(forValue, size);
  }

  @Override
  public JsonGenerator writeEndObject() {
    depth--;
    return super.writeEndObject();
  }

  @Override
  public JsonGenerator writeEndArray() {
    depth--;
    return super.writeEndArray();
  }
}
