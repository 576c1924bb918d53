package dev.pillars.logging.loki;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.pillars.kit.Text;
import dev.pillars.logging.internal.DelegatingLoggingEvent;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The stand-in for an event whose JSON line is too long for Loki: the head of the message with a
 * marker, a {@code truncated_bytes} field holding the original line size, and no MDC, key-value
 * arguments, markers, structured arguments or stack trace. Level, logger, time and trace fields are
 * kept.
 */
final class TruncatedLineEvent extends DelegatingLoggingEvent {

  static final String FIELD = "truncated_bytes";

  private final String message;
  private final List<KeyValuePair> marker;

  TruncatedLineEvent(ILoggingEvent delegate, int originalBytes, int maxMessageChars) {
    super(delegate);
    String original = delegate.getFormattedMessage() == null ? "" : delegate.getFormattedMessage();
    int cut = maxMessageChars <= 0 ? 0 : Text.cutIndex(original, maxMessageChars);
    this.message =
        original.substring(0, cut) + " ...[truncated: line was " + originalBytes + " bytes]";
    this.marker = List.of(new KeyValuePair(FIELD, originalBytes));
  }

  @Override
  public String getFormattedMessage() {
    return message;
  }

  @Override
  public String getMessage() {
    return message;
  }

  @Override
  public Object @Nullable [] getArgumentArray() {
    return null;
  }

  @Override
  public @Nullable List<Marker> getMarkerList() {
    return null;
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return marker;
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return Map.of();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return Map.of();
  }

  @Override
  public @Nullable IThrowableProxy getThrowableProxy() {
    return null;
  }
}
