package dev.pillars;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillars.kit.ServiceIdentity;
import dev.pillars.spring.PillarsAutoConfiguration;
import dev.pillars.spring.PillarsBuilderCustomizer;
import dev.pillars.spring.PillarsPrometheusAutoConfiguration;
import dev.pillars.spring.PillarsScrapeEndpoint;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

// issue 13, Spring Boot: Pillars' SDK is the OpenTelemetry bean (Boot 3.5's own backs off), the
// context's close shuts it down exactly once, and Pillars registers no JVM shutdown hook of its
// own.
class SpringBootAutoConfigurationOwnsTheSdk {

  private final AtomicInteger shutdowns = new AtomicInteger();
  private final AtomicReference<Boolean> shutdownHookSetting = new AtomicReference<>();

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                PillarsAutoConfiguration.class,
                PillarsPrometheusAutoConfiguration.class,
                OpenTelemetryAutoConfiguration.class,
                OpenTelemetryLoggingAutoConfiguration.class))
        .withPropertyValues("spring.application.name=ctx-app", "pillars.runtime-metrics=false")
        .withBean(
            PillarsBuilderCustomizer.class,
            () ->
                builder -> {
                  builder.registerGlobal(false).addSpanProcessor(new CountsShutdowns());
                  shutdownHookSetting.set(builder.config.shutdownHook);
                });
  }

  @Test
  void bootsOpenTelemetryBacksOffAndTheContextClosesPillarsOnce() {
    runner()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Pillars pillars = context.getBean(Pillars.class);
              assertThat(context).hasSingleBean(OpenTelemetry.class);
              assertThat(context.getBean(OpenTelemetry.class)).isSameAs(pillars.openTelemetry());
              assertThat(context).hasSingleBean(SdkLoggerProvider.class);
              assertThat(context.getBean(SdkLoggerProvider.class))
                  .isSameAs(((OpenTelemetrySdk) pillars.openTelemetry()).getSdkLoggerProvider());
              assertThat(context).hasSingleBean(Resource.class);
              assertThat(pillars.resource().getAttribute(ServiceIdentity.SERVICE_NAME))
                  .isEqualTo("ctx-app");
              // actuator mode: Pillars' own port stays closed, its actuator endpoint serves the
              // series
              assertThat(pillars.prometheusAddress()).isEmpty();
              assertThat(context).hasSingleBean(PillarsScrapeEndpoint.class);
              pillars.metrics().incrementCounter("ctx_requests");
              assertThat(
                      new String(
                          context
                              .getBean(PillarsScrapeEndpoint.class)
                              .scrape(PillarsScrapeEndpoint.Format.TEXT)
                              .getBody(),
                          "UTF-8"))
                  .contains("ctx_requests_total{")
                  .contains("service_name=\"ctx-app\"");
              assertThat(shutdowns).hasValue(0);
            });
    assertThat(shutdowns).as("SDK shut down by the context's close, once").hasValue(1);
    assertThat(shutdownHookSetting).hasValue(false);
  }

  @Test
  void portModeOpensPillarsOwnListenerAndNoActuatorEndpoint() {
    runner()
        .withPropertyValues("pillars.prometheus.endpoint=port", "pillars.prometheus.port=0")
        .run(
            context -> {
              assertThat(context.getBean(Pillars.class).prometheusAddress()).isPresent();
              assertThat(context).doesNotHaveBean(PillarsScrapeEndpoint.class);
            });
  }

  @Test
  void pillarsServiceNameWinsOverTheApplicationName() {
    runner()
        .withPropertyValues("pillars.service-name=named-by-pillars")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(Pillars.class)
                            .resource()
                            .getAttribute(ServiceIdentity.SERVICE_NAME))
                    .isEqualTo("named-by-pillars"));
  }

  @Test
  void pillarsEnabledFalseLeavesBootsOwnSdk() {
    runner()
        .withPropertyValues("pillars.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(Pillars.class);
              assertThat(context).hasSingleBean(OpenTelemetry.class);
            });
  }

  @Test
  void bootsOpenTelemetryLoggingIsLeftOutSoNoIdleLogProcessorStarts() {
    // what happens without the filter: Boot 3.5 starts a BatchLogRecordProcessor nothing feeds
    runner().run(context -> assertThat(context).hasSingleBean(BatchLogRecordProcessor.class));
    // and the filter Spring Boot loads from pillars-core's spring.factories leaves it out
    AutoConfigurationImportFilter filter =
        SpringFactoriesLoader.loadFactories(AutoConfigurationImportFilter.class, null).stream()
            .filter(f -> f.getClass().getName().startsWith("dev.pillars."))
            .findFirst()
            .orElseThrow();
    ((org.springframework.context.EnvironmentAware) filter).setEnvironment(new MockEnvironment());
    String[] candidates = {
      OpenTelemetryLoggingAutoConfiguration.class.getName(),
      "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
      OpenTelemetryAutoConfiguration.class.getName(),
      PillarsAutoConfiguration.class.getName()
    };
    assertThat(filter.match(candidates, null)).containsExactly(false, false, true, true);
    ((org.springframework.context.EnvironmentAware) filter)
        .setEnvironment(new MockEnvironment().withProperty("pillars.enabled", "false"));
    assertThat(filter.match(candidates, null)).containsExactly(true, true, true, true);
  }

  /** Counts shutdown calls; Pillars' close() is the only one expected. */
  private final class CountsShutdowns implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns.incrementAndGet();
      return CompletableResultCode.ofSuccess();
    }
  }
}
