package dev.pillars.logging.events;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.LoggerFactory;

/**
 * The salt {@link StructuredLogger} hashes with when none is configured: 16 random bytes drawn once
 * per process, so that {@code sha256(user id)} cannot be reversed with a dictionary. Digests then
 * join within one process run only; the first use says so in one INFO line.
 */
final class ProcessHashSalt {

  private static final class Holder {
    static final String SALT = draw();
  }

  private ProcessHashSalt() {}

  static String get() {
    return Holder.SALT;
  }

  private static String draw() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    try {
      LoggerFactory.getLogger(StructuredLogger.class)
          .info(
              "StructuredLogger: no hash salt configured; user ids and queries are hashed with a"
                  + " random salt drawn for this process, so their digests join within this run"
                  + " only. Set StructuredLogger.builder(..).hashSalt(secret) to keep them"
                  + " joinable across restarts and instances.");
    } catch (RuntimeException ignored) {
      // Saying so is a courtesy; hashing must work without it.
    }
    return HexFormat.of().formatHex(bytes);
  }
}
