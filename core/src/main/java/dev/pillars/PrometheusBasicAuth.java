package dev.pillars;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The basic-auth credentials of {@code /metrics}: both a username and a password, or neither. Half
 * a configuration (a password without a username, or the reverse) fails {@code build()} rather than
 * serving metrics to anyone.
 */
final class PrometheusBasicAuth {

  private static final String BOTH_SETTINGS =
      "PILLARS_PROMETHEUS_USERNAME and PILLARS_PROMETHEUS_PASSWORD (system properties "
          + ConfigKeys.PROMETHEUS_USERNAME
          + " and "
          + ConfigKeys.PROMETHEUS_PASSWORD
          + ", or Pillars.Builder.prometheusBasicAuth(username, password))";

  private final String username;
  private final String password;

  private PrometheusBasicAuth(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /**
   * The credentials the configuration asks for, or null when it asks for none.
   *
   * @throws PillarsConfigurationException when only one of the two is set
   */
  static PrometheusBasicAuth of(String configuredUsername, String configuredPassword) {
    String username = blankToNull(configuredUsername);
    String password = blankToNull(configuredPassword);
    if (username == null && password == null) {
      return null;
    }
    if (username == null || password == null) {
      throw new PillarsConfigurationException(
          "Basic auth on /metrics is half configured: "
              + (username == null
                  ? "a password is set without a username"
                  : "a username is set without a password")
              + ", which would leave /metrics open. Set both "
              + BOTH_SETTINGS
              + ", or neither.");
    }
    return new PrometheusBasicAuth(username, password);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  Authenticator authenticator() {
    return new ConstantTimeBasicAuth(username, password);
  }

  @Override
  public String toString() {
    return "PrometheusBasicAuth{username=" + username + ", password=***}";
  }

  /** Basic authentication that compares in constant time, so timing does not leak the secret. */
  private static final class ConstantTimeBasicAuth extends BasicAuthenticator {
    private final byte[] user;
    private final byte[] password;

    ConstantTimeBasicAuth(String user, String password) {
      super("metrics", StandardCharsets.UTF_8);
      this.user = user.getBytes(StandardCharsets.UTF_8);
      this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String username, String pass) {
      boolean userOk = MessageDigest.isEqual(user, username.getBytes(StandardCharsets.UTF_8));
      boolean passOk = MessageDigest.isEqual(password, pass.getBytes(StandardCharsets.UTF_8));
      return userOk & passOk;
    }
  }
}
