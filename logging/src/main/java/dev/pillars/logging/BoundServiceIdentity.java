package dev.pillars.logging;

import dev.pillars.kit.ServiceIdentity;

/**
 * The identity of the last {@code Pillars} instance that started in this process, handed over by
 * {@link LoggingInstrumentationBinder}. Logback usually starts first (a static logger in the
 * application's main class), so encoders and the Loki appender read this on every event rather
 * than once at start: one volatile read.
 */
final class BoundServiceIdentity {

  private static volatile ServiceIdentity current;

  private BoundServiceIdentity() {}

  /** The identity of the running {@code Pillars}, or {@code null} before one has started. */
  static ServiceIdentity current() {
    return current;
  }

  static void set(ServiceIdentity identity) {
    current = identity;
  }
}
