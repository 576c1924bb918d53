package dev.pillars.langchain4j;

import dev.pillars.kit.ThrottledWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A callback that failed inside Pillars: warned (throttled), never thrown into LangChain4j. */
final class ListenerWarnings {

  private static final Logger LOGGER = LoggerFactory.getLogger("dev.pillars.langchain4j");
  private final ThrottledWarning warning = new ThrottledWarning(LOGGER);

  void warn(String where, RuntimeException e) {
    warning.warn("Pillars' LangChain4j " + where + " failed and recorded nothing: " + e);
  }
}
