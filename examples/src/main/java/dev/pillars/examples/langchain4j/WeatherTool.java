package dev.pillars.examples.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The assistant's one tool. Its log line carries the trace id of its {@code execute_tool} span. */
public final class WeatherTool {

  private static final Logger LOG = LoggerFactory.getLogger(WeatherTool.class);

  /** Today's weather in {@code city} (made up). */
  @Tool("Today's weather in a city")
  public String weather(@P(name = "city", value = "the city") String city) {
    LOG.info("weather asked for {}", city);
    return "sunny and 21 C in " + city;
  }
}
