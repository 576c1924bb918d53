package dev.pillars.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

// issue 13: spring.application.name is the service name everywhere (logs read otel.service.name),
// unless the user named the service through OpenTelemetry's own settings.
@ResourceLock("system-properties")
class SpringApplicationNameBecomesTheServiceName {

  private final String before = System.getProperty(ServiceNameFromSpring.SERVICE_NAME);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(ServiceNameFromSpring.SERVICE_NAME);
    } else {
      System.setProperty(ServiceNameFromSpring.SERVICE_NAME, before);
    }
  }

  @Test
  void theApplicationNameIsPublishedBeforeLoggingStarts() {
    System.clearProperty(ServiceNameFromSpring.SERVICE_NAME);
    prepare(new MockEnvironment().withProperty("spring.application.name", "first-app"));
    assertThat(System.getProperty(ServiceNameFromSpring.SERVICE_NAME)).isEqualTo("first-app");

    // a later application in the same JVM replaces what the first one set, not the user's
    prepare(new MockEnvironment().withProperty("spring.application.name", "second-app"));
    assertThat(System.getProperty(ServiceNameFromSpring.SERVICE_NAME)).isEqualTo("second-app");

    prepare(new MockEnvironment());
    assertThat(System.getProperty(ServiceNameFromSpring.SERVICE_NAME)).isNull();
  }

  @Test
  void anExplicitOtelServiceNameWinsOverTheApplicationNameButNotOverPillarsServiceName() {
    System.setProperty(ServiceNameFromSpring.SERVICE_NAME, "set-by-the-user");
    MockEnvironment env = new MockEnvironment().withProperty("spring.application.name", "app");
    assertThat(ServiceNameFromSpring.serviceName(env)).isNull();
    prepare(env);
    assertThat(System.getProperty(ServiceNameFromSpring.SERVICE_NAME)).isEqualTo("set-by-the-user");

    env.setProperty("pillars.service-name", "pillars-name");
    assertThat(ServiceNameFromSpring.serviceName(env)).isEqualTo("pillars-name");
  }

  @Test
  void pillarsDisabledLeavesTheSystemPropertiesAlone() {
    System.clearProperty(ServiceNameFromSpring.SERVICE_NAME);
    prepare(
        new MockEnvironment()
            .withProperty("spring.application.name", "app")
            .withProperty("pillars.enabled", "false"));
    assertThat(System.getProperty(ServiceNameFromSpring.SERVICE_NAME)).isNull();
  }

  private static void prepare(MockEnvironment environment) {
    new ServiceNameFromSpring()
        .onApplicationEvent(
            new ApplicationEnvironmentPreparedEvent(
                null, new SpringApplication(), new String[0], environment));
  }
}
