package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 6: Pillars sets the JDK server's {@code sun.net.httpserver.nodelay} before it
 * creates its endpoint, and only when the user has not set it.
 */
class NodelayIsTurnedOnUnlessTheUserChose {

  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(JdkHttpServerDefaults.NODELAY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JdkHttpServerDefaults.NODELAY);
    } else {
      System.setProperty(JdkHttpServerDefaults.NODELAY, before);
    }
  }

  // issue 9 item 6
  @Test
  void unsetItBecomesTrueWhenTheEndpointStarts() {
    System.clearProperty(JdkHttpServerDefaults.NODELAY);
    try (Pillars pillars = TestPillars.builder().build()) {
      assertThat(pillars.prometheusAddress()).isPresent();
      assertThat(System.getProperty(JdkHttpServerDefaults.NODELAY)).isEqualTo("true");
    }
  }

  // issue 9 item 6
  @Test
  void theUsersOwnChoiceIsKept() {
    System.setProperty(JdkHttpServerDefaults.NODELAY, "false");
    try (Pillars pillars = TestPillars.builder().build()) {
      assertThat(System.getProperty(JdkHttpServerDefaults.NODELAY)).isEqualTo("false");
    }
  }
}
