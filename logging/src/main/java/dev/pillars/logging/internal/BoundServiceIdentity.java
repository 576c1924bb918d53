package dev.pillars.logging.internal;

import dev.pillars.kit.ServiceIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Internal, not for public use: may change or go away in any release.
 *
 * <p>The identity of the last {@code Pillars} instance that started in this process, handed over by
 * {@link LoggingInstrumentationBinder}. Logback usually starts first (a static logger in the
 * application's main class), so encoders and the Loki appender read this on every event rather than
 * once at start: one volatile read.
 */
public final class BoundServiceIdentity {

  private static volatile @Nullable ServiceIdentity current;

  private BoundServiceIdentity() {}

  /**
   * The identity of the running {@code Pillars}.
   *
   * @return the identity, or {@code null} before one has started
   */
  public static @Nullable ServiceIdentity current() {
    return current;
  }

  /**
   * Makes {@code identity} the one log lines carry from the next event on.
   *
   * @param identity the identity of the {@code Pillars} instance that started, or {@code null} to
   *     forget it (tests)
   */
  public static void set(@Nullable ServiceIdentity identity) {
    current = identity;
  }
}
