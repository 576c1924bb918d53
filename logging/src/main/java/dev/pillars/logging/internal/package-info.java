/**
 * Internal, not for public use: what the other packages of pillars-logging share (self-metric
 * counters and their binder, the service identity, the event wrapper). Public only so that those
 * packages can reach it; it may change in any release.
 */
package dev.pillars.logging.internal;
