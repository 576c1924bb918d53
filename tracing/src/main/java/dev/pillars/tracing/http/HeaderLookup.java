package dev.pillars.tracing.http;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;

/**
 * Header lookups on the JDK server's {@link Headers} without {@link Headers#get(Object)}, which on
 * JDK 17 copies and rewrites the name on every call (two arrays and a string, then a fresh hash): a
 * request's instrumentation asks for a dozen headers, most of them absent. The keys a {@code
 * Headers} holds are already normalized, so comparing ignoring case finds the same entry.
 */
final class HeaderLookup {

  private HeaderLookup() {}

  /** The values of header {@code name} (any case), or null when absent. */
  static List<String> values(Headers headers, String name) {
    return values(headers, name, name);
  }

  /**
   * As {@link #values(Headers, String)}, for a name known in the form {@code Headers} stores it
   * ({@code stored}, such as {@code Content-length}), which an equal key matches with the faster
   * {@code equals}.
   */
  static List<String> values(Headers headers, String stored, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String key = e.getKey();
      if (key.equals(stored) || key.equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The first value of header {@code name} (any case), or null when absent or empty. */
  static String first(Headers headers, String name) {
    List<String> values = values(headers, name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
