package dev.pillars.logging.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.AppenderAttachable;
import dev.pillars.logging.json.PillarsJsonEncoder;
import java.util.Iterator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Turns Spring Boot's banner off when Pillars' JSON encoder writes to the console, so that stdout
 * holds JSON lines only (the banner is eight lines of plain text). It runs right after Boot has
 * configured Logback ({@code HIGHEST_PRECEDENCE + 21}) and before the banner is printed; an
 * explicit {@code spring.main.banner-mode} still wins, since Boot binds it afterwards.
 *
 * <p>Registered in {@code META-INF/spring.factories}; not for direct use.
 */
public final class BannerOffForJsonConsole implements GenericApplicationListener {

  /** Created by Spring Boot from {@code spring.factories}. */
  public BannerOffForJsonConsole() {}

  @Override
  public boolean supportsEventType(ResolvableType eventType) {
    return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationEnvironmentPreparedEvent prepared
        && LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && jsonOnConsole(context)) {
      prepared.getSpringApplication().setBannerMode(Banner.Mode.OFF);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 21;
  }

  /**
   * Whether any logger writes Pillars' JSON to the console, directly or behind an async appender.
   */
  static boolean jsonOnConsole(LoggerContext context) {
    for (Logger logger : context.getLoggerList()) {
      if (anyJsonConsole(logger.iteratorForAppenders())) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static boolean anyJsonConsole(Iterator<Appender<ILoggingEvent>> appenders) {
    while (appenders.hasNext()) {
      Appender<ILoggingEvent> appender = appenders.next();
      if (appender instanceof ConsoleAppender<ILoggingEvent> console
          && console.getEncoder() instanceof PillarsJsonEncoder) {
        return true;
      }
      if (appender instanceof AppenderAttachable<?> attachable
          && anyJsonConsole(
              ((AppenderAttachable<ILoggingEvent>) attachable).iteratorForAppenders())) {
        return true;
      }
    }
    return false;
  }
}
