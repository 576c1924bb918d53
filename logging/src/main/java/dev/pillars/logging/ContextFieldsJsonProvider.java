package dev.pillars.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.logstash.logback.composite.AbstractJsonProvider;
import org.slf4j.event.KeyValuePair;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the SLF4J key-value arguments of an event (numbers and booleans keep their JSON type) and
 * then its MDC entries, as top-level fields.
 *
 * <p>A name may appear only once in a JSON object. The encoder's own fields win; then key-value
 * arguments (they belong to the call) win over MDC entries (ambient). A losing key is written as
 * {@code kv_<key>} or {@code mdc_<key>} (with a numeric suffix if that is taken too) and counted.
 * The check is a few hash lookups; the rename path, which allocates, only runs on a collision.
 */
final class ContextFieldsJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  private final Set<String> reserved;
  private final TextScrubber scrubber;

  ContextFieldsJsonProvider(Set<String> reserved, TextScrubber scrubber) {
    this.reserved = Set.copyOf(reserved);
    this.scrubber = scrubber;
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
    if (pairs == null && mdc == null) {
      return;
    }
    if (hasCollision(pairs, mdc)) {
      writeRenaming(generator, pairs, mdc);
      return;
    }
    if (pairs != null) {
      for (int i = 0, n = pairs.size(); i < n; i++) {
        KeyValuePair pair = pairs.get(i);
        if (pair != null && pair.key != null) {
          generator.writeName(pair.key);
          writeValue(generator, pair.value);
        }
      }
    }
    if (mdc != null) {
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey() != null && entry.getValue() != null) {
          generator.writeStringProperty(entry.getKey(), scrubber.scrub(entry.getValue()));
        }
      }
    }
  }

  private boolean hasCollision(List<KeyValuePair> pairs, Map<String, String> mdc) {
    if (pairs != null) {
      for (int i = 0, n = pairs.size(); i < n; i++) {
        KeyValuePair pair = pairs.get(i);
        if (pair == null || pair.key == null) {
          continue;
        }
        if (reserved.contains(pair.key) || (mdc != null && mdc.containsKey(pair.key))) {
          return true;
        }
        for (int j = 0; j < i; j++) {
          KeyValuePair earlier = pairs.get(j);
          if (earlier != null && pair.key.equals(earlier.key)) {
            return true;
          }
        }
      }
    }
    if (mdc != null) {
      for (String key : mdc.keySet()) {
        if (key != null && reserved.contains(key)) {
          return true;
        }
      }
    }
    return false;
  }

  private void writeRenaming(
      JsonGenerator generator, List<KeyValuePair> pairs, Map<String, String> mdc) {
    Set<String> used = new HashSet<>(reserved);
    if (pairs != null) {
      for (KeyValuePair pair : pairs) {
        if (pair != null && pair.key != null) {
          String name = unique(pair.key, "kv_", used);
          generator.writeName(name);
          writeValue(generator, pair.value);
        }
      }
    }
    if (mdc != null) {
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        if (entry.getKey() != null && entry.getValue() != null) {
          String name = unique(entry.getKey(), "mdc_", used);
          generator.writeStringProperty(name, scrubber.scrub(entry.getValue()));
        }
      }
    }
  }

  private static String unique(String key, String prefix, Set<String> used) {
    if (used.add(key)) {
      return key;
    }
    LoggingSelfMetrics.recordRenamed();
    String candidate = prefix + key;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = prefix + key + "_" + n;
    }
    return candidate;
  }

  private void writeValue(JsonGenerator generator, Object value) {
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
      generator.writeString(scrubber.scrub(textOf(value)));
    }
  }

  private static String textOf(Object value) {
    try {
      String text = String.valueOf(value);
      return text == null ? "null" : text;
    } catch (RuntimeException e) {
      return "[toString() failed: " + e.getClass().getName() + "]";
    }
  }
}
