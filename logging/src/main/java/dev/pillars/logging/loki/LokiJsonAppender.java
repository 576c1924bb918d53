package dev.pillars.logging.loki;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import com.github.loki4j.client.batch.LogRecord;
import com.github.loki4j.client.pipeline.AsyncBufferPipeline;
import com.github.loki4j.client.pipeline.PipelineConfig;
import com.github.loki4j.logback.PipelineConfigAppenderBase;
import dev.pillars.kit.ServiceIdentity;
import dev.pillars.logging.internal.DropReason;
import dev.pillars.logging.internal.LogIdentity;
import dev.pillars.logging.internal.LoggingSelfMetrics;
import dev.pillars.logging.json.PillarsJsonEncoder;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Pushes each event to Loki as the JSON line {@link PillarsJsonEncoder} writes, through loki4j's
 * batching pipeline (JSON push API, JDK HTTP client).
 *
 * <p>Labels are static and low-cardinality: {@code service}, {@code environment} (left out when
 * unknown) and {@code level}. Trace ids, user ids and everything else stay in the line. The line is
 * encoded on the thread that logs, so trace fields are right; its text is already cleaned of lone
 * surrogates, so one bad event cannot make loki4j fail its whole batch. A line longer than {@code
 * maxLineBytes} (default 256 KiB, Loki's limit) is replaced by a shortened one carrying a {@code
 * truncated_bytes} field and a marker at the end of the message.
 *
 * <p>The loki4j {@code <batch>} and {@code <http>} sections keep their meaning (batch size and
 * timeout, {@code sendQueueMaxBytes}, {@code drainOnStop}, url, auth, tenant, retries and backoff);
 * a custom {@code <sender>} is ignored, the JDK client is always used. Nothing blocks the caller:
 * when the send queue is full the event is dropped. Drops are counted in {@link LoggingSelfMetrics}
 * under {@link DropReason#LOKI_QUEUE_FULL}, {@link DropReason#LOKI_SEND_FAILED} and {@link
 * DropReason#LOKI_REJECTED}.
 *
 * <pre>{@code
 * <appender name="LOKI" class="dev.pillars.logging.loki.LokiJsonAppender">
 *   <http><url>http://loki:3100/loki/api/v1/push</url></http>
 *   <batch><timeoutMs>2000</timeoutMs></batch>
 * </appender>
 * }</pre>
 */
public class LokiJsonAppender extends PipelineConfigAppenderBase {

  /** Loki's default {@code max_line_size}. */
  public static final int DEFAULT_MAX_LINE_BYTES = 256 * 1024;

  private static final int MIN_MAX_LINE_BYTES = 4096;

  private @Nullable Encoder<ILoggingEvent> encoder;
  private boolean ownsEncoder;
  private @Nullable HttpCfg http;
  private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
  private @Nullable String serviceLabel;
  private @Nullable String environmentLabel;
  private StreamLabels labels;
  private LokiLines lines;
  private final LokiDeliveryCounts counts = new LokiDeliveryCounts();
  private AsyncBufferPipeline pipeline;

  /** Creates the appender; configure it, then {@link #start()}. */
  public LokiJsonAppender() {}

  /**
   * Validates the configuration, then starts the encoder (if this appender created it) and the
   * loki4j pipeline. Mistakes are reported with {@code addError} and leave the appender stopped.
   */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    if (maxLineBytes < MIN_MAX_LINE_BYTES) {
      addError(
          "LokiJsonAppender not started: maxLineBytes="
              + maxLineBytes
              + " is too small; set"
              + " <maxLineBytes> to at least "
              + MIN_MAX_LINE_BYTES
              + " (Loki's default limit is "
              + DEFAULT_MAX_LINE_BYTES
              + ")");
      return;
    }
    if (encoder == null) {
      PillarsJsonEncoder defaultEncoder = new PillarsJsonEncoder();
      defaultEncoder.setContext(getContext());
      defaultEncoder.start();
      encoder = defaultEncoder;
      ownsEncoder = true;
    }
    if (!encoder.isStarted()) {
      addError(
          "LokiJsonAppender not started: its encoder did not start; fix the encoder errors"
              + " reported above");
      return;
    }
    if (http == null) {
      http = new HttpCfg();
      super.setHttp(http);
    }
    PipelineConfig asConfigured = buildPipelineConfig();
    String problem = checkPipeline(asConfigured);
    if (problem != null) {
      addError("LokiJsonAppender not started: " + problem);
      return;
    }
    // Retries move into CountingLokiHttpClient, which alone learns how many events a lost batch
    // held.
    http.setSender(
        new CountingLokiSender(
            new LokiRetryPolicy(
                asConfigured.maxRetries,
                asConfigured.minRetryBackoffMs,
                asConfigured.maxRetryBackoffMs,
                asConfigured.maxRetryJitterMs,
                asConfigured.dropRateLimitedBatches),
            counts));
    http.setMaxRetries(0);
    labels = buildLabels();
    lines = new LokiLines(encoder, maxLineBytes);
    pipeline = new AsyncBufferPipeline(buildPipelineConfig());
    pipeline.start();
    super.start();
  }

  private @Nullable String checkPipeline(PipelineConfig config) {
    String url = config.httpConfig.pushUrl;
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        return "push url '"
            + url
            + "' is not http(s); set <http><url> to"
            + " http://HOST:3100/loki/api/v1/push";
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      return "push url '"
          + url
          + "' is not a URL; set <http><url> to"
          + " http://HOST:3100/loki/api/v1/push";
    }
    if (config.batchMaxBytes < maxLineBytes + 1024) {
      return "<batch><maxBytes> ("
          + config.batchMaxBytes
          + ") must exceed <maxLineBytes> ("
          + maxLineBytes
          + ") by at least 1024; raise maxBytes or lower maxLineBytes";
    }
    return null;
  }

  private StreamLabels buildLabels() {
    if (encoder instanceof PillarsJsonEncoder pillars && pillars.serviceName() != null) {
      return new StreamLabels(serviceLabel, environmentLabel, pillars, null);
    }
    ServiceIdentity fromEnv;
    try {
      fromEnv = LogIdentity.fromEnvironment();
    } catch (RuntimeException e) {
      addWarn("Could not read the service identity; using defaults", e);
      fromEnv = new ServiceIdentity(null, null, null);
    }
    return new StreamLabels(
        serviceLabel, environmentLabel, null, new LogIdentity(null, null, fromEnv));
  }

  /** Drains the pipeline (unless {@code <batch><drainOnStop>} is false) and stops. */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    pipeline.stop();
    if (ownsEncoder) {
      encoder.stop();
    }
  }

  /**
   * Encodes the event on the calling thread and offers it to the pipeline; never blocks, never
   * throws.
   *
   * @param event the event
   */
  @Override
  protected void append(ILoggingEvent event) {
    LogRecord record;
    try {
      String line = lines.lineOf(event);
      if (line == null) {
        return;
      }
      record =
          LogRecord.create(
              event.getTimeStamp(),
              event.getNanoseconds() % 1_000_000,
              labels.of(event.getLevel()),
              line,
              Map.of());
    } catch (RuntimeException e) {
      LoggingSelfMetrics.DROPPED.add(DropReason.ENCODING_FAILED, 1);
      addError("Could not encode a log event for Loki", e);
      return;
    }
    if (pipeline.append(() -> record)) {
      counts.accepted();
    } else {
      LoggingSelfMetrics.DROPPED.add(DropReason.LOKI_QUEUE_FULL, 1);
    }
  }

  /**
   * Waits until every event this appender accepted before the call has been settled: Loki answered
   * its batch with 2xx, or the batch was given up (and counted). Events still waiting in a batch
   * are included, so this can take up to the batch timeout ({@code <batch><timeoutMs>}). For tests
   * and shutdown hooks.
   *
   * @param timeoutMs how long to wait at most
   * @return {@code true} if everything accepted before the call was settled in time; {@code false}
   *     on timeout, or when the appender is stopped with events still unsettled
   */
  public boolean awaitEmpty(long timeoutMs) {
    long target = counts.acceptedSoFar();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMs));
    while (counts.settledSoFar() < target) {
      if (!isStarted() || System.nanoTime() - deadline >= 0) {
        return counts.settledSoFar() >= target;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return true;
  }

  /**
   * Captures the loki4j {@code <http>} section so that retries can be counted.
   *
   * @param http the section; {@code null} means loki4j's defaults
   */
  @Override
  public void setHttp(@Nullable HttpCfg http) {
    this.http = http;
    super.setHttp(http);
  }

  /**
   * Sets the encoder that writes the line; default a {@link PillarsJsonEncoder} with default
   * settings.
   *
   * @param encoder the encoder; {@code null} means the default
   */
  public void setEncoder(@Nullable Encoder<ILoggingEvent> encoder) {
    this.encoder = encoder;
  }

  /**
   * Sets the largest line pushed (Loki rejects longer ones); longer lines are truncated.
   *
   * @param maxLineBytes bytes of UTF-8, at least 4096; default 262144
   */
  public void setMaxLineBytes(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  /**
   * Overrides the {@code service} label (default: the encoder's service name).
   *
   * @param serviceLabel the label value; {@code null} means the default
   */
  public void setServiceLabel(@Nullable String serviceLabel) {
    this.serviceLabel = serviceLabel;
  }

  /**
   * Overrides the {@code environment} label (default: the encoder's environment); empty omits it.
   *
   * @param environmentLabel the label value; {@code null} means the default
   */
  public void setEnvironmentLabel(@Nullable String environmentLabel) {
    this.environmentLabel = environmentLabel;
  }
}
