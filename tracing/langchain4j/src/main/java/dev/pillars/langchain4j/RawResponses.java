package dev.pillars.langchain4j;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * The HTTP headers of a response, from the provider metadata's {@code rawHttpResponse()} (OpenAI's
 * and Anthropic's have one; others may). Read reflectively so that no provider module is needed.
 */
final class RawResponses {

  private static final ClassValue<Method> RAW =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            Method m = type.getMethod("rawHttpResponse");
            m.setAccessible(true);
            return m;
          } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
          }
        }
      };
  private static final ClassValue<Method> HEADERS =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            return type.getMethod("headers");
          } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
          }
        }
      };

  private RawResponses() {}

  /** The headers, or null when the metadata carries no raw response. */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> headers(Object metadata) {
    if (metadata == null) {
      return null;
    }
    try {
      Method raw = RAW.get(metadata.getClass());
      Object response = raw == null ? null : raw.invoke(metadata);
      if (response == null) {
        return null;
      }
      Method headers = HEADERS.get(response.getClass());
      Object h = headers == null ? null : headers.invoke(response);
      return h instanceof Map ? (Map<String, List<String>>) h : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
