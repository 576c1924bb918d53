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
 * <p>Cost: one instance per generator, and logstash-logback-encoder keeps one generator per
 * thread, so the caches below need no lock. Names repeat from event to event ({@code timestamp},
 * MDC keys), so a name already found clean costs one hash lookup. The top-level values the
 * encoder itself computes (timestamp, level, trace id, span id, trace flags: digits, hex and
 * constants) are not scanned; the logger name, service and environment repeat, so their clean
 * values are remembered like names. Both caches are bounded, so unbounded names or logger names
 * cannot grow them.
 */
final class RedactingJsonGenerator extends MaskingJsonGenerator {

  static final int CACHE_LIMIT = 512;
  private static final JsonMapper RAW_READER = JsonMapper.builder().build();

  private final TextScrubber scrubber;
  private final Set<String> cleanNames = new HashSet<>();

  RedactingJsonGenerator(JsonGenerator delegate, TextScrubber scrubber, FieldRoles roles) {
    super(delegate, List.of(), List.of(new ScrubbingMasker(scrubber, roles)));
    this.scrubber = scrubber;
  }

  /** Which top-level fields the encoder computes itself, and which repeat their values. */
  record FieldRoles(Set<String> computed, Set<String> repeating) {
    static final FieldRoles NONE = new FieldRoles(Set.of(), Set.of());
  }

  @Override
  public JsonGenerator writeName(String name) {
    if (name == null || cleanNames.contains(name)) {
      return super.writeName(name);
    }
    String scrubbed = scrubber.scrub(name);
    if (scrubbed == name && cleanNames.size() < CACHE_LIMIT) {
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
  private static final class ScrubbingMasker implements ValueMasker {
    private final TextScrubber scrubber;
    private final FieldRoles roles;
    private final Set<String> cleanValues = new HashSet<>();

    ScrubbingMasker(TextScrubber scrubber, FieldRoles roles) {
      this.scrubber = scrubber;
      this.roles = roles;
    }

    @Override
    public Object mask(TokenStreamContext context, Object value) {
      if (!(value instanceof String text)) {
        return null;
      }
      boolean repeating = false;
      TokenStreamContext parent = context.getParent();
      if (parent != null && parent.inRoot()) {
        String field = context.currentName();
        if (field != null) {
          if (roles.computed().contains(field)) {
            return null;
          }
          repeating = roles.repeating().contains(field);
          if (repeating && cleanValues.contains(text)) {
            return null;
          }
        }
      }
      String scrubbed = scrubber.scrub(text);
      if (scrubbed == text) {
        if (repeating && cleanValues.size() < CACHE_LIMIT) {
          cleanValues.add(text);
        }
        return null;
      }
      return scrubbed;
    }
  }
}
