package dev.pillars.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ThrottledWarningLimitsRate {

  private final List<String> logged = new ArrayList<>();
  private long now = TimeUnit.HOURS.toNanos(1);

  private final Logger logger =
      (Logger)
          Proxy.newProxyInstance(
              Logger.class.getClassLoader(),
              new Class<?>[] {Logger.class},
              (proxy, method, args) -> {
                if (method.getName().equals("warn") && args.length == 1) {
                  logged.add((String) args[0]);
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
              });

  private final ThrottledWarning warning = new ThrottledWarning(logger, () -> now);

  @Test
  void fiveAMinuteThenOneAMinuteWithTheSuppressedCount() {
    for (int i = 0; i < 100; i++) {
      warning.warn("bad " + i);
    }
    assertThat(logged).containsExactly("bad 0", "bad 1", "bad 2", "bad 3", "bad 4");

    now += TimeUnit.SECONDS.toNanos(61);
    warning.warn("later");
    assertThat(logged).hasSize(6);
    assertThat(logged.get(5)).isEqualTo("later (95 similar warnings suppressed)");
  }

  @Test
  void aQuietMinuteRestoresTheBurst() {
    for (int i = 0; i < 5; i++) {
      warning.warn("w");
    }
    now += TimeUnit.MINUTES.toNanos(2);
    for (int i = 0; i < 5; i++) {
      warning.warn("again");
    }
    assertThat(logged).hasSize(10);
  }
}
