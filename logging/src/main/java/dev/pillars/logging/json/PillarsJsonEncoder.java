package dev.pillars.logging.json;

import dev.pillars.kit.ServiceIdentity;
import dev.pillars.logging.internal.LogIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.logstash.logback.decorate.json.CharacterEscapesDecorator;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import org.jspecify.annotations.Nullable;

/**
 * Encodes each Logback event as one line of JSON, correlated with the current OpenTelemetry span:
 *
 * <pre>{@code
 * {"timestamp":"2025-11-06T12:34:56.789Z","level":"INFO","logger":"com.example.Rag",
 *  "message":"Response completed","service":"rag-service","environment":"production",
 *  "trace_id":"...","span_id":"...","trace_flags":"01","event_type":"response",...}
 * }</pre>
 *
 * <p>Field order: {@code timestamp} (ISO-8601, UTC), {@code level}, {@code logger}, {@code
 * message}, {@code service}, {@code environment}, {@code trace_id}, {@code span_id}, {@code
 * trace_flags} (absent outside a span), key-value arguments, MDC entries, logstash markers and
 * structured arguments (with or without a {@code {}} placeholder), {@code stack_trace}. Every name
 * can be changed with a setter. Every string the generator writes, property names included and
 * whichever provider writes it, passes through the {@link LogRedactor}s (e-mail addresses and
 * secrets by default, see {@link DefaultRedactor}) and lone surrogates become U+FFFD: the generator
 * is logstash-logback-encoder's {@code MaskingJsonGenerator}. Control characters, quotes, U+2028
 * and U+2029 are escaped, so an event is always exactly one line. MDC, key-value, marker or
 * argument names that clash with these fields are renamed, never duplicated.
 *
 * <p>The service and environment are the {@code <serviceName>}/{@code <environment>} settings, else
 * those of the running {@code Pillars} (its resource, handed over when it starts, whichever starts
 * first), else the environment's resource ({@code OTEL_SERVICE_NAME}, {@code
 * OTEL_RESOURCE_ATTRIBUTES}). Providers configured in a {@code <providers>} block are written after
 * the fields above. Usually included ready-made:
 *
 * <pre>{@code
 * <include resource="dev/pillars/logging/json-console.xml"/>
 * }</pre>
 */
public class PillarsJsonEncoder extends LoggingEventCompositeJsonEncoder {

  private final EncoderFields fields = new EncoderFields();
  private @Nullable String serviceName;
  private @Nullable String environment;
  private boolean defaultRedaction = true;
  private final List<LogRedactor> redactors = new ArrayList<>();
  private @Nullable LogIdentity identity;
  private final RedactingGeneratorDecorator redaction = new RedactingGeneratorDecorator();

  /** Creates the encoder; configure it with the setters, then {@link #start()}. */
  public PillarsJsonEncoder() {
    CharacterEscapesDecorator escapes = new CharacterEscapesDecorator();
    // Some readers (JavaScript before ES2019, Python's splitlines) treat these as line breaks.
    escapes.addEscape(new CharacterEscapesDecorator.Escape("\u2028", "\\u2028"));
    escapes.addEscape(new CharacterEscapesDecorator.Escape("\u2029", "\\u2029"));
    addDecorator(escapes);
    addDecorator(redaction);
  }

  /**
   * Validates the configuration and installs the providers. On a configuration mistake the error is
   * reported through Logback's status system and the encoder does not start.
   */
  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    List<String> problems = fields.problems();
    if (!problems.isEmpty()) {
      problems.forEach(p -> addError("PillarsJsonEncoder not started: " + p));
      return;
    }
    identity = resolveIdentity();
    List<LogRedactor> chain = new ArrayList<>();
    if (defaultRedaction) {
      chain.add(new DefaultRedactor());
    }
    chain.addAll(redactors);
    TextScrubber scrubber = new TextScrubber(chain);
    redaction.configure(scrubber, fields.roles());
    setProviders(fields.providers(identity, scrubber, getProviders().getProviders()));
    super.start();
  }

  private LogIdentity resolveIdentity() {
    ServiceIdentity fromEnv;
    try {
      fromEnv = LogIdentity.fromEnvironment();
    } catch (RuntimeException e) {
      addWarn("Could not read OTEL_SERVICE_NAME/OTEL_RESOURCE_ATTRIBUTES; using defaults", e);
      fromEnv = new ServiceIdentity(null, null, null);
    }
    return new LogIdentity(serviceName, environment, fromEnv);
  }

  /**
   * The service name written to each line now, known once the encoder is started: the {@code
   * <serviceName>} setting, else the {@code service.name} of the running {@code Pillars}, else
   * {@code OTEL_SERVICE_NAME}.
   *
   * @return the service name, or {@code null} before {@link #start()}
   */
  public @Nullable String serviceName() {
    return identity == null ? null : identity.current().service();
  }

  /**
   * The environment written to each line now, known once the encoder is started (same order as
   * {@link #serviceName()}, from {@code deployment.environment.name}).
   *
   * @return the environment ({@code ""} when unknown), or {@code null} before {@link #start()}
   */
  public @Nullable String environment() {
    return identity == null ? null : identity.current().environment();
  }

  /**
   * Overrides the service name of the running {@code Pillars} and {@code OTEL_SERVICE_NAME}.
   *
   * @param serviceName the value of the {@code service} field; {@code null} means the default
   */
  public void setServiceName(@Nullable String serviceName) {
    this.serviceName = serviceName;
  }

  /**
   * Overrides the environment read from {@code OTEL_RESOURCE_ATTRIBUTES} ({@code
   * deployment.environment.name}).
   *
   * @param environment the value of the {@code environment} field; empty leaves the field out
   */
  public void setEnvironment(@Nullable String environment) {
    this.environment = environment;
  }

  /**
   * Turns the {@link DefaultRedactor} rules on or off (on by default). Redactors added with {@link
   * #addRedactor(LogRedactor)} always run.
   *
   * @param defaultRedaction {@code false} to log e-mail addresses and secrets unchanged
   */
  public void setDefaultRedaction(boolean defaultRedaction) {
    this.defaultRedaction = defaultRedaction;
  }

  /**
   * Adds a redaction rule that runs after the default rules ({@code <redactor class="..."/>}).
   *
   * @param redactor the rule
   */
  public void addRedactor(LogRedactor redactor) {
    redactors.add(Objects.requireNonNull(redactor, "redactor"));
  }

  /**
   * Sets the name of the timestamp field.
   *
   * @param timestampFieldName default {@code timestamp}
   */
  public void setTimestampFieldName(String timestampFieldName) {
    fields.timestamp = Objects.requireNonNull(timestampFieldName, "timestampFieldName");
  }

  /**
   * Sets the name of the level field.
   *
   * @param levelFieldName default {@code level}
   */
  public void setLevelFieldName(String levelFieldName) {
    fields.level = Objects.requireNonNull(levelFieldName, "levelFieldName");
  }

  /**
   * Sets the name of the logger field.
   *
   * @param loggerFieldName default {@code logger}
   */
  public void setLoggerFieldName(String loggerFieldName) {
    fields.logger = Objects.requireNonNull(loggerFieldName, "loggerFieldName");
  }

  /**
   * Sets the name of the message field.
   *
   * @param messageFieldName default {@code message}
   */
  public void setMessageFieldName(String messageFieldName) {
    fields.message = Objects.requireNonNull(messageFieldName, "messageFieldName");
  }

  /**
   * Sets the name of the service field.
   *
   * @param serviceFieldName default {@code service}
   */
  public void setServiceFieldName(String serviceFieldName) {
    fields.service = Objects.requireNonNull(serviceFieldName, "serviceFieldName");
  }

  /**
   * Sets the name of the environment field.
   *
   * @param environmentFieldName default {@code environment}
   */
  public void setEnvironmentFieldName(String environmentFieldName) {
    fields.environment = Objects.requireNonNull(environmentFieldName, "environmentFieldName");
  }

  /**
   * Sets the name of the trace id field.
   *
   * @param traceIdFieldName default {@code trace_id}
   */
  public void setTraceIdFieldName(String traceIdFieldName) {
    fields.traceId = Objects.requireNonNull(traceIdFieldName, "traceIdFieldName");
  }

  /**
   * Sets the name of the span id field.
   *
   * @param spanIdFieldName default {@code span_id}
   */
  public void setSpanIdFieldName(String spanIdFieldName) {
    fields.spanId = Objects.requireNonNull(spanIdFieldName, "spanIdFieldName");
  }

  /**
   * Sets the name of the trace flags field.
   *
   * @param traceFlagsFieldName default {@code trace_flags}
   */
  public void setTraceFlagsFieldName(String traceFlagsFieldName) {
    fields.traceFlags = Objects.requireNonNull(traceFlagsFieldName, "traceFlagsFieldName");
  }

  /**
   * Sets the name of the stack trace field.
   *
   * @param stackTraceFieldName default {@code stack_trace}
   */
  public void setStackTraceFieldName(String stackTraceFieldName) {
    fields.stackTrace = Objects.requireNonNull(stackTraceFieldName, "stackTraceFieldName");
  }
}
