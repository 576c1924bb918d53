package dev.pillars.logging.events;

/** What {@link StructuredLogger} writes for a value that may identify a person (query, user id). */
public enum SensitiveTextPolicy {
  /** A salted SHA-256 digest, {@code sha256:} plus 16 hex digits: joinable, not readable. */
  HASH,
  /** The constant {@code [redacted]}. */
  REDACT,
  /** The value itself: an explicit opt-in. */
  PLAIN
}
