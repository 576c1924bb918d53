package dev.pillars.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import io.opentelemetry.api.trace.SpanContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>An event that forwards every call to another one; subclasses change one aspect (the captured
 * span, a shortened message) without copying the rest.
 */
public abstract class DelegatingLoggingEvent implements ILoggingEvent {

  private final ILoggingEvent delegate;

  /**
   * Wraps an event.
   *
   * @param delegate the event every call goes to
   */
  protected DelegatingLoggingEvent(ILoggingEvent delegate) {
    this.delegate = delegate;
  }

  /**
   * The span context captured on the logging thread.
   *
   * @return the captured span context, or {@code null} if none was captured
   */
  public @Nullable SpanContext capturedSpanContext() {
    return delegate instanceof DelegatingLoggingEvent d ? d.capturedSpanContext() : null;
  }

  @Override
  public String getThreadName() {
    return delegate.getThreadName();
  }

  @Override
  public Level getLevel() {
    return delegate.getLevel();
  }

  @Override
  public @Nullable String getMessage() {
    return delegate.getMessage();
  }

  @Override
  public Object @Nullable [] getArgumentArray() {
    return delegate.getArgumentArray();
  }

  @Override
  public @Nullable String getFormattedMessage() {
    return delegate.getFormattedMessage();
  }

  @Override
  public String getLoggerName() {
    return delegate.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return delegate.getLoggerContextVO();
  }

  @Override
  public @Nullable IThrowableProxy getThrowableProxy() {
    return delegate.getThrowableProxy();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return delegate.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return delegate.hasCallerData();
  }

  @Override
  public @Nullable List<Marker> getMarkerList() {
    return delegate.getMarkerList();
  }

  @Override
  public Map<String, String> getMDCPropertyMap() {
    return delegate.getMDCPropertyMap();
  }

  @Override
  @SuppressWarnings("deprecation")
  public Map<String, String> getMdc() {
    return delegate.getMdc();
  }

  @Override
  public long getTimeStamp() {
    return delegate.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return delegate.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return delegate.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return delegate.getSequenceNumber();
  }

  @Override
  public @Nullable List<KeyValuePair> getKeyValuePairs() {
    return delegate.getKeyValuePairs();
  }

  @Override
  public void prepareForDeferredProcessing() {
    delegate.prepareForDeferredProcessing();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
