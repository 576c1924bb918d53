package dev.pillars.logging.json;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.json.UTF8JsonGenerator;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redacts where the JSON is generated, the way logstash-logback-encoder's {@code
 * MaskingJsonGeneratorDecorator} does: the encoder's generator is wrapped (a {@code
 * JsonGeneratorDecorator}) in this delegate, which runs the {@link TextScrubber} (redactors, then
 * UTF-16 cleaning) over every string value and every property name on its way out. So every
 * provider is covered at once: the message, MDC and key-value names and values, markers and
 * structured arguments (objects serialised through it too: it does not copy through to the
 * delegate), a user's {@code <pattern>} or other providers, the stack trace. Raw JSON values
 * ({@code Markers.appendRaw}, {@code StructuredArguments.raw}), which a masking generator passes
 * through, are parsed and written as the tree they hold, so their strings are scrubbed too and a
 * line break inside them cannot split the line; text that is not JSON is written as a string.
 *
 * <p>Why not {@code MaskingJsonGenerator} itself: it builds a lambda and an iterator for every
 * string and boxes every number; with it the benchmark's one event allocated 680 instead of 392
 * bytes (JsonLogEncodingBenchmark, -prof gc). This class only intercepts strings and names.
 *
 * <p>Cost: one instance per generator, and logstash-logback-encoder keeps one generator per thread,
 * so the caches below need no lock. Names repeat from event to event ({@code timestamp}, MDC keys),
 * so a name already found clean costs one hash lookup. The top-level values the encoder computes
 * itself (timestamp, level, trace id, span id, trace flags: digits, hex and constants) are not
 * scanned; the logger name, service and environment repeat, so their clean values are remembered
 * like names. Both caches are bounded, so unbounded names or logger names cannot grow them, and
 * both keep plain ASCII text with its encoded bytes ({@link CleanText}), which the generator
 * copies. The encoder's own providers write their fields through {@link #writeCleanProperty} and
 * {@link #writeComputedProperty}, with names (and service values) scrubbed once when the encoder
 * starts or the identity changes; trace ids, hex digits, are handed to the UTF-8 generator as
 * bytes.
 */
final class RedactingJsonGenerator extends JsonGeneratorDelegate {

  static final int CACHE_LIMIT = 512;
  private static final JsonMapper RAW_READER = JsonMapper.builder().build();

  /** Which top-level fields the encoder computes itself, and which repeat their values. */
  record FieldRoles(Set<String> computed, Set<String> repeating) {
    static final FieldRoles NONE = new FieldRoles(Set.of(), Set.of());
  }

  private final TextScrubber scrubber;
  private final FieldRoles roles;

  /** A name found clean, with the role of the value that follows it at the top level. */
  private record KnownName(CleanText name, int role) {}

  /** Names found clean, by name. */
  private final Map<String, KnownName> cleanNames = new HashMap<>();

  /** Values of repeating fields found clean (logger names), by value. */
  private final Map<String, CleanText> cleanValues = new HashMap<>();

  /** Whether ids can be handed over as bytes: the generator writes UTF-8 (it always does here). */
  private final boolean utf8;

  /** The ASCII bytes of the id being written; one per generator, so one per thread. */
  private final byte[] idBytes = new byte[32];

  /** What the name just written says about the next value. */
  private int nextValue;

  /** Open objects and arrays: 1 inside the event object, where the encoder's own fields are. */
  private int depth;

  private static final int SCAN = 0;
  private static final int TRUSTED = 1;
  private static final int REPEATING = 2;

  RedactingJsonGenerator(JsonGenerator delegate, TextScrubber scrubber, FieldRoles roles) {
    super(delegate, false);
    this.scrubber = scrubber;
    this.roles = roles;
    this.utf8 = delegate instanceof UTF8JsonGenerator;
  }

  @Override
  public JsonGenerator writeName(@Nullable String name) {
    if (name == null) {
      return super.writeName(name);
    }
    KnownName known = cleanNames.get(name);
    if (known != null) {
      known.name().writeName(delegate);
      nextValue = depth == 1 ? known.role() : SCAN;
      return this;
    }
    String out = scrubber.scrub(name);
    int role =
        roles.computed().contains(out)
            ? TRUSTED
            : roles.repeating().contains(out) ? REPEATING : SCAN;
    if (out == name && cleanNames.size() < CACHE_LIMIT) {
      cleanNames.put(name, new KnownName(CleanText.scrubbed(name), role));
    }
    super.writeName(out);
    nextValue = depth == 1 ? role : SCAN;
    return this;
  }

  /**
   * Writes a property of the encoder's own whose name and value passed the scrubber in advance
   * ({@link ServiceFieldsJsonProvider}): no lookup, no scan.
   */
  void writeCleanProperty(CleanText name, CleanText value) {
    nextValue = SCAN;
    name.writeName(delegate);
    value.writeString(delegate);
  }

  /**
   * Writes a property of the encoder's own whose name passed the scrubber in advance and whose
   * value the encoder computed, hex digits that hold nothing to redact ({@link
   * TraceContextJsonProvider}): no lookup, no scan.
   */
  void writeComputedProperty(CleanText name, String value) {
    nextValue = SCAN;
    name.writeName(delegate);
    if (utf8 && copiedAsHex(value)) {
      // Hex digits need no escaping: their bytes are copied, not encoded char by char.
      delegate.writeRawUTF8String(idBytes, 0, value.length());
    } else {
      delegate.writeString(value);
    }
  }

  /**
   * Copies {@code value} into {@link #idBytes} when it is 1 to 32 lowercase hex digits.
   *
   * @return whether it was copied
   */
  @SuppressWarnings("deprecation") // the one copy of a String's chars to bytes that allocates none
  private boolean copiedAsHex(String value) {
    int n = value.length();
    if (n == 0 || n > idBytes.length) {
      return false;
    }
    // Without a branch per char: d | (9 - d) is negative exactly when d is outside 0..9, so the
    // sign bit survives the AND only for a char that is neither a digit nor a to f (any char
    // above 'f', wider ones included, fails both).
    int outside = 0;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      int digit = c - '0';
      int letter = c - 'a';
      outside |= (digit | (9 - digit)) & (letter | (5 - letter));
    }
    if (outside < 0) {
      return false;
    }
    value.getBytes(0, n, idBytes, 0);
    return true;
  }

  @Override
  public JsonGenerator writeName(SerializableString name) {
    return writeName(name.getValue());
  }

  @Override
  public JsonGenerator writeString(@Nullable String text) {
    int role = nextValue;
    nextValue = SCAN;
    if (text == null || role == TRUSTED) {
      return super.writeString(text);
    }
    if (role == REPEATING) {
      CleanText known = cleanValues.get(text);
      if (known != null) {
        known.writeString(delegate);
        return this;
      }
    }
    String out = scrubber.scrub(text);
    if (out == text && role == REPEATING && cleanValues.size() < CACHE_LIMIT) {
      cleanValues.put(text, CleanText.scrubbed(text));
    }
    return super.writeString(out);
  }

  @Override
  public JsonGenerator writeString(char[] text, int offset, int len) {
    return writeString(new String(text, offset, len));
  }

  @Override
  public JsonGenerator writeString(SerializableString text) {
    return writeString(text.getValue());
  }

  @Override
  public JsonGenerator writeString(Reader reader, int len) {
    try {
      StringBuilder text = new StringBuilder(Math.max(len, 16));
      char[] buffer = new char[4096];
      for (int n; (len < 0 || text.length() < len) && (n = reader.read(buffer)) >= 0; ) {
        text.append(buffer, 0, n);
      }
      return writeString(
          len >= 0 && text.length() > len ? text.substring(0, len) : text.toString());
    } catch (IOException e) {
      throw tools.jackson.core.exc.JacksonIOException.construct(e);
    }
  }

  @Override
  public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
    return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
    return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
  }

  @Override
  public JsonGenerator writeRawValue(String text) {
    nextValue = SCAN;
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

  @Override
  public JsonGenerator writeStartObject() {
    nextValue = SCAN;
    depth++;
    return super.writeStartObject();
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue) {
    nextValue = SCAN;
    depth++;
    return super.writeStartObject(forValue);
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue, int size) {
    nextValue = SCAN;
    depth++;
    return super.writeStartObject(forValue, size);
  }

  @Override
  public JsonGenerator writeStartArray() {
    nextValue = SCAN;
    depth++;
    return super.writeStartArray();
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue) {
    nextValue = SCAN;
    depth++;
    return super.writeStartArray(forValue);
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue, int size) {
    nextValue = SCAN;
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
