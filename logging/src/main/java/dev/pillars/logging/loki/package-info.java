/**
 * Shipping the JSON lines to Loki: {@link dev.pillars.logging.loki.LokiJsonAppender} pushes them
 * through loki4j's pipeline with static labels, cuts lines to Loki's limit and counts what is lost.
 * Usually configured through the include {@code dev/pillars/logging/loki.xml}.
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
package dev.pillars.logging.loki;

import org.jspecify.annotations.NullMarked;
