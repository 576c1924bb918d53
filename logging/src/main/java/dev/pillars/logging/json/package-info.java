/**
 * The JSON line: {@link dev.pillars.logging.json.PillarsJsonEncoder} writes each Logback event as
 * one JSON object carrying the current span's ids, redacted by {@link
 * dev.pillars.logging.json.LogRedactor}s ({@link dev.pillars.logging.json.DefaultRedactor} by
 * default); {@link dev.pillars.logging.json.TraceCapturingAsyncAppender} keeps the ids right behind
 * a queue, and {@link dev.pillars.logging.json.JulToSlf4jBridge} routes {@code java.util.logging}
 * into the same lines. Usually configured through the include {@code
 * dev/pillars/logging/json-console.xml}.
 *
 * <p>Nullness: every parameter, return value and field here is non-null unless marked {@link
 * org.jspecify.annotations.Nullable}. Calls made per event (logging, encoding, appending) never
 * throw: a null argument leaves its field out or is repaired, and what is lost is counted.
 * Configuration calls throw {@link NullPointerException} naming the parameter for a null that means
 * nothing; where null means "the default", the parameter is {@code @Nullable}. Mistakes in non-null
 * settings of a Logback component (a blank field name, a bad URL) stop it at {@code start()} with a
 * status error that names the setting, as Logback components do.
 */
@NullMarked
package dev.pillars.logging.json;

import org.jspecify.annotations.NullMarked;
