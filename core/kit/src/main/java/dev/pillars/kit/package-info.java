/**
 * Internal, not for public use: the "never throws" machinery that every Pillars module shares.
 *
 * <ul>
 *   <li>{@link dev.pillars.kit.Text}: text fit for a log line, lone-surrogate repair, cutting that
 *       never splits a surrogate pair.
 *   <li>{@link dev.pillars.kit.Failures}: the exception behind a future's wrappers and its {@code
 *       error.type}.
 *   <li>{@link dev.pillars.kit.ThrottledWarning}: five warnings a minute, then one a minute.
 *   <li>{@link dev.pillars.kit.ReasonCounter} and {@link dev.pillars.kit.SelfCounter}: the one way
 *       a module counts what it dropped or repaired, and publishes it as a self-metric.
 *   <li>{@link dev.pillars.kit.InstrumentationBinder}: the hook through which a module that starts
 *       before the SDK (Logback) publishes its counters once a {@code Pillars} instance exists.
 * </ul>
 *
 * <p>Nothing here is API: classes may change or go in any release.
 *
 * <p>Nullness: {@code @NullMarked}, as every Pillars package.
 */
@NullMarked
package dev.pillars.kit;

import org.jspecify.annotations.NullMarked;
