package dev.pillars.tracing.http;

/**
 * The HTTP versions the conventions' {@code network.protocol.version} takes, read from a request
 * line's protocol ({@code HTTP/1.1}), as OpenTelemetry's instrumentation reads them ({@code 2.0} is
 * written {@code 2}). Only these are recorded: a JDK server passes any text a client sends there on
 * to the exchange, and a version is a metric label, so an unknown one is left out instead of making
 * a series of its own.
 */
final class HttpVersions {

  /** By index: what {@link #index} returns for each known protocol. */
  private static final String[] VERSIONS = {"1.1", "1.0", "2", "3"};

  /** The index of a protocol that is none of {@link #VERSIONS}. */
  static final int UNKNOWN = VERSIONS.length;

  /** How many indexes {@link #index} returns. */
  static final int SLOTS = UNKNOWN + 1;

  private HttpVersions() {}

  /** The index of {@code protocol} ({@code HTTP/1.1}, ...), or {@link #UNKNOWN}. */
  static int index(String protocol) {
    if (protocol == null) {
      return UNKNOWN;
    }
    switch (protocol) {
      case "HTTP/1.1":
        return 0;
      case "HTTP/1.0":
        return 1;
      case "HTTP/2":
      case "HTTP/2.0":
        return 2;
      case "HTTP/3":
      case "HTTP/3.0":
        return 3;
      default:
        return UNKNOWN;
    }
  }

  /** The conventions' version of index {@code index}, or null for {@link #UNKNOWN}. */
  static String version(int index) {
    return index >= 0 && index < VERSIONS.length ? VERSIONS[index] : null;
  }

  /** {@code http} when {@code index} is a known version, else null. */
  static String protocolName(int index) {
    return version(index) == null ? null : "http";
  }
}
