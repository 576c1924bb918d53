package dev.pillars.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.github.loki4j.logback.PipelineConfigAppenderBase.BatchCfg;
import com.github.loki4j.logback.PipelineConfigAppenderBase.HttpCfg;
import dev.pillars.logging.json.PillarsJsonEncoder;
import dev.pillars.logging.loki.LokiJsonAppender;
import java.util.List;
import java.util.function.Consumer;

/** A Logback context with one {@link LokiJsonAppender}, configured as XML would configure it. */
public final class LokiSetup implements AutoCloseable {

  public final LoggerContext context = new LoggerContext();
  public final LokiJsonAppender appender = new LokiJsonAppender();
  public final BatchCfg batch = new BatchCfg();
  public final HttpCfg http = new HttpCfg();
  public final Logger logger;

  public LokiSetup(String url, Consumer<LokiSetup> configure) {
    context.setName("loki-test");
    context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter());
    PillarsJsonEncoder encoder = new PillarsJsonEncoder();
    encoder.setContext(context);
    encoder.setServiceName("rag-service");
    encoder.setEnvironment("test");
    encoder.start();
    appender.setContext(context);
    appender.setName("LOKI");
    appender.setEncoder(encoder);
    http.setUrl(url);
    http.setConnectionTimeoutMs(2000);
    http.setRequestTimeoutMs(2000);
    http.setMinRetryBackoffMs(20);
    http.setMaxRetryBackoffMs(100);
    http.setMaxRetryJitterMs(10);
    batch.setTimeoutMs(100);
    batch.setUseDirectBuffers(false);
    configure.accept(this);
    appender.setHttp(http);
    appender.setBatch(batch);
    appender.start();
    logger = context.getLogger("loki.test");
    logger.setAdditive(false);
    logger.addAppender(appender);
  }

  public List<String> errors() {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(s -> s.getLevel() == Status.ERROR)
        .map(Status::getMessage)
        .toList();
  }

  @Override
  public void close() {
    appender.stop();
    context.stop();
  }
}
