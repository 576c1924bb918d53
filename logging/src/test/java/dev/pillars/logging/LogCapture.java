package dev.pillars.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import dev.pillars.logging.json.PillarsJsonEncoder;
import dev.pillars.logging.json.TraceCapturingAsyncAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** An isolated Logback context whose JSON lines land in memory. */
public final class LogCapture implements AutoCloseable {

  public final LoggerContext context = new LoggerContext();
  public final PillarsJsonEncoder encoder = new PillarsJsonEncoder();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
  private Appender<ILoggingEvent> entry = appender;

  public LogCapture() {
    this(encoder -> {});
  }

  public LogCapture(Consumer<PillarsJsonEncoder> configure) {
    context.setName("test");
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    encoder.setContext(context);
    encoder.setServiceName("rag-service");
    encoder.setEnvironment("test");
    configure.accept(encoder);
    encoder.start();
    appender.setContext(context);
    appender.setName("MEMORY");
    appender.setEncoder(encoder);
    appender.setOutputStream(out);
    appender.setImmediateFlush(true);
    appender.start();
  }

  /** Puts a {@link TraceCapturingAsyncAppender} in front of the memory appender. */
  public LogCapture async() {
    TraceCapturingAsyncAppender async = new TraceCapturingAsyncAppender();
    async.setContext(context);
    async.setName("ASYNC");
    async.setDiscardingThreshold(0);
    async.addAppender(appender);
    async.start();
    entry = async;
    return this;
  }

  public Logger logger(String name) {
    Logger logger = context.getLogger(name);
    logger.setAdditive(false);
    if (!logger.isAttached(entry)) {
      logger.addAppender(entry);
    }
    return logger;
  }

  public String text() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Each emitted line; fails if the output does not end with a line separator. */
  public List<String> lines() {
    String text = text();
    if (text.isEmpty()) {
      return List.of();
    }
    if (!text.endsWith("\n")) {
      throw new AssertionError("output does not end with a newline");
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1);
    return lines;
  }

  public List<JsonNode> json() {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : lines()) {
      nodes.add(StrictJson.parse(line));
    }
    return nodes;
  }

  public List<String> errors() {
    List<String> errors = new ArrayList<>();
    for (Status status : context.getStatusManager().getCopyOfStatusList()) {
      if (status.getLevel() == Status.ERROR) {
        errors.add(status.getMessage());
      }
    }
    return errors;
  }

  @Override
  public void close() {
    entry.stop();
    appender.stop();
    context.stop();
  }
}
