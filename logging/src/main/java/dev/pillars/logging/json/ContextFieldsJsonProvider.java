package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.composite.AbstractJsonProvider;
import net.logstash.logback.composite.loggingevent.ArgumentsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the SLF4J key-value arguments of an event (numbers and booleans keep their JSON type), its
 * MDC entries, then its logstash markers ({@code Markers.append(..)}) and structured arguments
 * ({@code kv(..)}, {@code value(..)}, with or without a {@code {}} placeholder, as {@code
 * LogstashEncoder} does), as top-level fields.
 *
 * <p>A name may appear only once in a JSON object. The encoder's own fields win; then key-value
 * arguments (they belong to the call) win over MDC entries (ambient), and both over markers and
 * structured arguments. A losing key is written as {@code kv_<key>}, {@code mdc_<key>} or {@code
 * arg_<key>} (with a numeric suffix if that is taken too) and counted. Names are compared after
 * redaction and cleaning (two names that differ only in a lone surrogate would otherwise collide).
 * The check is a few hash lookups; the rename path, which allocates, only runs on a collision or
 * when the event carries markers or structured arguments.
 *
 * <p>Values are redacted by the generator ({@link RedactingJsonGenerator}), not here.
 */
final class ContextFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private static final int CLEAN_NAME_CACHE = 512;

  private final Set<String> reserved;
  private final TextScrubber scrubber;
  private final Set<String> cleanNames = ConcurrentHashMap.newKeySet();
  private final LogstashMarkersJsonProvider markers = new LogstashMarkersJsonProvider();
  private final ArgumentsJsonProvider arguments = new ArgumentsJsonProvider();

  ContextFieldsJsonProvider(Set<String> reserved, TextScrubber scrubber) {
    this.reserved = Set.copyOf(reserved);
    this.scrubber = scrubber;
  }

  @Override
  public void start() {
    markers.setContext(getContext());
    markers.start();
    arguments.setContext(getContext());
    arguments.start();
    super.start();
  }

  @Override
  public void stop() {
    markers.stop();
    arguments.stop();
    super.stop();
  }

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) {
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    Map<String, String> mdc = MdcSpanCopies.without(event.getMDCPropertyMap(), event);
    if (pairs != null && pairs.isEmpty()) {
      pairs = null;
    }
    if (mdc != null && mdc.isEmpty()) {
      mdc = null;
    }
    boolean structured = hasLogstashMarker(event) || hasStructuredArgument(event);
    if (pairs == null && mdc == null && !structured) {
      return;
    }
    if (structured || hasCollision(pairs, mdc)) {
      writeRenaming(generator, event, pairs, mdc, structured);
      return;
    }
    if (pairs != null) {
      for (int i = 0, n = pairs.size(); i < n; i++) {
        KeyValuePair pair = pairs.get(i);
        if (pair != null && pair.key != null) {
          generator.writeName(clean(pair.key));
          writeValue(generator, pair.value);
        }
      }
    }
    if (mdc != null) {
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey() != null && entry.getValue() != null) {
          generator.writeStringProperty(clean(entry.getKey()), entry.getValue());
        }
      }
    }
  }

  /** The name as it will be written; known-clean names cost one hash lookup. */
  private String clean(String name) {
    if (cleanNames.contains(name)) {
      return name;
    }
    String scrubbed = scrubber.scrub(name);
    if (scrubbed == name && cleanNames.size() < CLEAN_NAME_CACHE) {
      cleanNames.add(name);
    }
    return scrubbed;
  }

  private static boolean hasLogstashMarker(ILoggingEvent event) {
    List<Marker> list = event.getMarkerList();
    if (list == null) {
      return false;
    }
    for (int i = 0, n = list.size(); i < n; i++) {
      if (LogstashMarkersJsonProvider.isLogstashMarker(list.get(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasStructuredArgument(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    if (args == null) {
      return false;
    }
    for (Object arg : args) {
      // The common arguments are of final classes that are no StructuredArgument; testing for
      // them first skips the slower test for an interface.
      if (!(arg instanceof String
              || arg instanceof Integer
              || arg instanceof Long
              || arg instanceof Boolean
              || arg instanceof Double)
          && arg instanceof StructuredArgument) {
        return true;
      }
    }
    return false;
  }

  private boolean hasCollision(
      @Nullable List<KeyValuePair> pairs, @Nullable Map<String, String> mdc) {
    if (pairs != null) {
      for (int i = 0, n = pairs.size(); i < n; i++) {
        KeyValuePair pair = pairs.get(i);
        if (pair == null || pair.key == null) {
          continue;
        }
        String key = clean(pair.key);
        if (key != pair.key || reserved.contains(key) || (mdc != null && mdc.containsKey(key))) {
          return true;
        }
        for (int j = 0; j < i; j++) {
          KeyValuePair earlier = pairs.get(j);
          if (earlier != null && key.equals(earlier.key)) {
            return true;
          }
        }
      }
    }
    if (mdc != null) {
      for (String key : mdc.keySet()) {
        if (key != null && (clean(key) != key || reserved.contains(key))) {
          return true;
        }
      }
    }
    return false;
  }

  private void writeRenaming(
      JsonGenerator generator,
      ILoggingEvent event,
      @Nullable List<KeyValuePair> pairs,
      @Nullable Map<String, String> mdc,
      boolean structured) {
    Set<String> used = new HashSet<>(reserved);
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        if (pair != null && pair.key != null) {
          generator.writeName(unique(clean(pair.key), "kv_", used));
          writeValue(generator, pair.value);
        }
      }
    }
    if (mdc != null) {
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey() != null && entry.getValue() != null) {
          generator.writeStringProperty(
              unique(clean(entry.getKey()), "mdc_", used), entry.getValue());
        }
      }
    }
    if (structured) {
      RenamingJsonGenerator renaming = new RenamingJsonGenerator(generator, used, scrubber);
      markers.writeTo(renaming, event);
      arguments.writeTo(renaming, event);
    }
  }

  static String unique(String key, String prefix, Set<String> used) {
    if (used.add(key)) {
      return key;
    }
    LoggingSelfMetrics.RENAMED.increment();
    String candidate = prefix + key;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = prefix + key + "_" + n;
    }
    return candidate;
  }

  private static void writeValue(JsonGenerator generator, @Nullable Object value) {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Boolean b) {
      generator.writeBoolean(b);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      generator.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        generator.writeNumber(d);
      } else {
        generator.writeString(Double.toString(d));
      }
    } else if (value instanceof BigDecimal decimal) {
      generator.writeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      generator.writeNumber(integer);
    } else {
      generator.writeString(textOf(value));
    }
  }

  private static String textOf(@Nullable Object value) {
    try {
      String text = String.valueOf(value);
      return text == null ? "null" : text;
    } catch (RuntimeException e) {
      return "[toString() failed: " + e.getClass().getName() + "]";
    }
  }
}
