/**
 * Typed request, response and error events for LLM/RAG services ({@link
 * dev.pillars.logging.events.StructuredLogger}), private by default ({@link
 * dev.pillars.logging.events.SensitiveTextPolicy}), written through SLF4J.
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
package dev.pillars.logging.events;

import org.jspecify.annotations.NullMarked;
