/**
 * Internal, not for public use: what the other packages of pillars-logging share (self-metric
 * counters and their binder, the service identity, the event wrapper). Public only so that those
 * packages can reach it; it may change in any release.
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
package dev.pillars.logging.internal;

import org.jspecify.annotations.NullMarked;
