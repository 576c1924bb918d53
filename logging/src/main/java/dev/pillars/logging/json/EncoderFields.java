package dev.pillars.logging.json;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.pillars.logging.internal.LogIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.JsonProviders;
import net.logstash.logback.composite.loggingevent.LogLevelJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggerNameJsonProvider;
import net.logstash.logback.composite.loggingevent.LoggingEventFormattedTimestampJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;

/**
 * The field names of a {@link PillarsJsonEncoder} (set from XML until it starts), their check, and
 * the providers that write the fields in order.
 */
final class EncoderFields {

  String timestamp = "timestamp";
  String level = "level";
  String logger = "logger";
  String message = "message";
  String service = "service";
  String environment = "environment";
  String traceId = "trace_id";
  String spanId = "span_id";
  String traceFlags = "trace_flags";
  String stackTrace = "stack_trace";

  /** Each role with its name, in line order. */
  private Map<String, String> byRole() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("timestamp", timestamp);
    names.put("level", level);
    names.put("logger", logger);
    names.put("message", message);
    names.put("service", service);
    names.put("environment", environment);
    names.put("traceId", traceId);
    names.put("spanId", spanId);
    names.put("traceFlags", traceFlags);
    names.put("stackTrace", stackTrace);
    return names;
  }

  /** What is wrong with the names, each with the setting that fixes it; empty when nothing. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    byRole()
        .forEach(
            (role, name) -> {
              if (name == null || name.isBlank()) {
                problems.add(
                    "the " + role + " field name is empty; set <" + role + "FieldName> to a name");
              } else if (seen.containsKey(name)) {
                problems.add(
                    "the field name '"
                        + name
                        + "' is used for both "
                        + seen.get(name)
                        + " and "
                        + role
                        + "; give each its own name with <"
                        + role
                        + "FieldName>");
              } else {
                seen.put(name, role);
              }
            });
    return problems;
  }

  /**
   * Values the encoder computes (time, level, ids) cannot hold a secret; logger, service and
   * environment repeat, so their clean values are remembered (see {@link RedactingJsonGenerator}).
   */
  RedactingJsonGenerator.FieldRoles roles() {
    return new RedactingJsonGenerator.FieldRoles(
        Set.of(timestamp, level, traceId, spanId, traceFlags),
        Set.of(logger, service, environment));
  }

  /**
   * The providers of the encoder's own fields, then {@code extra} (a {@code <providers>} block).
   */
  JsonProviders<ILoggingEvent> providers(
      LogIdentity identity, TextScrubber scrubber, List<JsonProvider<ILoggingEvent>> extra) {
    JsonProviders<ILoggingEvent> providers = new JsonProviders<>();
    LoggingEventFormattedTimestampJsonProvider time =
        new LoggingEventFormattedTimestampJsonProvider();
    time.setFieldName(timestamp);
    time.setTimeZone("UTC");
    providers.addProvider(time);
    LogLevelJsonProvider levelProvider = new LogLevelJsonProvider();
    levelProvider.setFieldName(level);
    providers.addProvider(levelProvider);
    LoggerNameJsonProvider loggerProvider = new LoggerNameJsonProvider();
    loggerProvider.setFieldName(logger);
    providers.addProvider(loggerProvider);
    MessageJsonProvider messageProvider = new MessageJsonProvider();
    messageProvider.setFieldName(message);
    providers.addProvider(messageProvider);
    providers.addProvider(new ServiceFieldsJsonProvider(service, environment, identity, scrubber));
    TraceContextJsonProvider trace = new TraceContextJsonProvider();
    trace.setTraceIdFieldName(traceId);
    trace.setSpanIdFieldName(spanId);
    trace.setTraceFlagsFieldName(traceFlags);
    trace.scrubNamesWith(scrubber);
    providers.addProvider(trace);
    providers.addProvider(new ContextFieldsJsonProvider(Set.copyOf(byRole().values()), scrubber));
    providers.addProvider(new StackTraceTextJsonProvider(stackTrace));
    for (JsonProvider<ILoggingEvent> provider : extra) {
      providers.addProvider(provider);
    }
    return providers;
  }
}
