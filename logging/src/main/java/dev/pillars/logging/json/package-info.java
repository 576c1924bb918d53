/**
 * The JSON line: {@link dev.pillars.logging.json.PillarsJsonEncoder} writes each Logback event as
 * one JSON object carrying the current span's ids, redacted by {@link
 * dev.pillars.logging.json.LogRedactor}s ({@link dev.pillars.logging.json.DefaultRedactor} by
 * default); {@link dev.pillars.logging.json.TraceCapturingAsyncAppender} keeps the ids right
 * behind a queue, and {@link dev.pillars.logging.json.JulToSlf4jBridge} routes {@code
 * java.util.logging} into the same lines. Usually configured through the include {@code
 * dev/pillars/logging/json-console.xml}.
 */
package dev.pillars.logging.json;
