package dev.pillars.logging;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.logstash.logback.mask.MaskingJsonGenerator;
import net.logstash.logback.mask.ValueMasker;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * logstash-logback-encoder's {@link MaskingJsonGenerator} with a {@link ValueMasker} that runs the
 * encoder's {@link TextScrubber} (redactors, then UTF-16 cleaning) over every string value, and
 * the same scrubbing for every property name. Because it sits where the JSON is generated, it
 * covers every provider at once: the message, MDC and key-value names and values, markers and
 * structured arguments, a user's {@code <pattern>} or other providers, the stack trace. Raw JSON
 * values ({@code Markers.appendRaw}, {@code StructuredArguments.raw}), which the masking generator
 * would pass through untouched, are parsed and written as the tree they hold, so their strings are
 * scrubbed too and a line break inside them cannot split the line; text that is not JSON is
 * written as a string.
 *
 * <p>One instance per generator, and logstash-logback-encoder keeps one generator per thread, so
 * the small set of names already found clean needs no lock. Field names repeat from event to event
 * ({@code timestamp}, {@code level}, MDC keys), so most names are one hash lookup; the set is
 * bounded so that an application logging unbounded key names cannot grow it.
 */
final class RedactingJsonGenerator extends MaskingJsonGenerator {

  static final int CLEAN_NAME_CACHE = 512;
  private static final JsonMapper RAW_READER = JsonMapper.builder().build();

  private final TextScrubber scrubber;
  private final Set<String> cleanNames = new HashSet<>();

  RedactingJsonGenerator(JsonGenerator delegate, TextScrubber scrubber) {
    super(delegate, List.of(), List.of(new ScrubbingMasker(scrubber)));
    this.scrubber = scrubber;
  }

  @Override
  public JsonGenerator writeName(String name) {
    if (name == null || cleanNames.contains(name)) {
      return super.writeName(name);
    }
    String scrubbed = scrubber.scrub(name);
    if (scrubbed == name && cleanNames.size() < CLEAN_NAME_CACHE) {
      cleanNames.add(name);
    }
    return super.writeName(scrubbed);
  }

  @Override
  public JsonGenerator writeRawValue(String text) {
    JsonNode tree;
    try {
      tree = RAW_READER.readTree(text);
    } catch (RuntimeException notJson) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      return writeString(text);
    }
    return writeTree(tree);
  }

  @Override
  public JsonGenerator writeRawValue(String text, int offset, int len) {
    return writeRawValue(text.substring(offset, offset + len));
  }

  @Override
  public JsonGenerator writeRawValue(char[] text, int offset, int len) {
    return writeRawValue(new String(text, offset, len));
  }

  /** Returns the scrubbed string, or {@code null} (write as is) when scrubbing changed nothing. */
  private record ScrubbingMasker(TextScrubber scrubber) implements ValueMasker {
    @Override
    public Object mask(TokenStreamContext context, Object value) {
      if (value instanceof String text) {
        String scrubbed = scrubber.scrub(text);
        return scrubbed == text ? null : scrubbed;
      }
      return null;
    }
  }
}
