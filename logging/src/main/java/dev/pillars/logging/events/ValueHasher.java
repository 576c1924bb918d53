package dev.pillars.logging.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Salted SHA-256, truncated to 64 bits and written as {@code sha256:<16 hex digits>}. */
final class ValueHasher {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] salt;

  ValueHasher(String salt) {
    this.salt = salt.getBytes(StandardCharsets.UTF_8);
  }

  String hash(String value) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
    digest.update(salt);
    byte[] hash = digest.digest(value.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[16];
    for (int i = 0; i < 8; i++) {
      out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[hash[i] & 0xF];
    }
    return "sha256:" + new String(out);
  }
}
