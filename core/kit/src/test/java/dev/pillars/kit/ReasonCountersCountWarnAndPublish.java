package dev.pillars.kit;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ReasonCountersCountWarnAndPublish {

  enum Reason {
    CLOSED_TWICE,
    NULL_BODY;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final List<String> logged = new ArrayList<>();
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
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final SdkMeterProvider provider =
      SdkMeterProvider.builder().registerMetricReader(reader).build();

  private ReasonCounter.Builder<Reason> counter() {
    return ReasonCounter.builder("test.misuse", Reason.class, Reason::label)
        .description("misuse by reason")
        .logger(logger);
  }

  @Test
  void countsIntoTheMeterAsItHappensAndTwoCountersOfOneNameAddUp() {
    ReasonCounter<Reason> a = counter().countInto(provider.get("scope")).build();
    ReasonCounter<Reason> b = counter().countInto(provider.get("scope")).build();
    a.report(Reason.CLOSED_TWICE, "closed twice");
    b.report(Reason.CLOSED_TWICE, "closed twice again");
    b.add(Reason.NULL_BODY, 3);

    assertThat(a.count(Reason.CLOSED_TWICE)).isEqualTo(1);
    assertThat(logged).containsExactly("closed twice", "closed twice again");
    MetricData metric = only(reader.collectAllMetrics());
    assertThat(metric)
        .hasName("test.misuse")
        .hasDescription("misuse by reason")
        .hasLongSumSatisfying(
            sum ->
                sum.isMonotonic()
                    .hasPointsSatisfying(
                        p -> p.hasValue(2).hasAttributes(a.attributes(Reason.CLOSED_TWICE)),
                        p ->
                            p.hasValue(3)
                                .hasAttributes(Attributes.of(ReasonCounter.REASON, "null_body"))));
    assertThatThrownBy(() -> a.bindTo(provider.get("scope")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countsBeforeAnySdkAndPublishesOnlyCountedReasonsOnceBound() {
    ReasonCounter<Reason> early = counter().build();
    early.report(Reason.NULL_BODY, "null body");
    early.add(Reason.NULL_BODY, 0);
    early.add(Reason.NULL_BODY, -5);

    early.bindTo(provider.get("scope"));
    MetricData metric = only(reader.collectAllMetrics());
    assertThat(metric)
        .hasLongSumSatisfying(
            sum ->
                sum.hasPointsSatisfying(
                    p ->
                        p.hasValue(1)
                            .hasAttributes(Attributes.of(ReasonCounter.REASON, "null_body"))));
  }

  @Test
  void reportZerosPublishesEveryReason() {
    ReasonCounter<Reason> all = counter().reportZeros().build();
    all.bindTo(provider.get("scope"));
    assertThat(only(reader.collectAllMetrics()).getLongSumData().getPoints()).hasSize(2);
  }

  @Test
  void warningsAreThrottledPerReason() {
    ReasonCounter<Reason> c = counter().clock(() -> 1_000_000_000L).build();
    for (int i = 0; i < 10; i++) {
      c.report(Reason.CLOSED_TWICE, "a" + i);
      c.report(Reason.NULL_BODY, "b" + i);
    }
    assertThat(logged).hasSize(10);
    assertThat(c.count(Reason.CLOSED_TWICE)).isEqualTo(10);
  }

  @Test
  void aSelfCounterPublishesItsCountOnceBound() {
    SelfCounter truncated = new SelfCounter("test.truncated", "lines cut", "{line}");
    truncated.increment();
    truncated.add(4);
    truncated.add(-1);
    truncated.bindTo(provider.get("scope"));
    MetricData metric = only(reader.collectAllMetrics());
    assertThat(metric)
        .hasName("test.truncated")
        .hasUnit("{line}")
        .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(p -> p.hasValue(5)));
    assertThat(truncated.count()).isEqualTo(5);
  }

  @Test
  void serviceIdentityReadsTheResourceAttributes() {
    Attributes resource =
        Attributes.of(
            ServiceIdentity.SERVICE_NAME, "rag", ServiceIdentity.LEGACY_ENVIRONMENT, "prod");
    assertThat(ServiceIdentity.fromResource(resource))
        .isEqualTo(new ServiceIdentity("rag", "", "prod"));
    assertThat(ServiceIdentity.fromResource(Attributes.empty()).serviceName())
        .isEqualTo("unknown_service:java");
  }

  private static MetricData only(Collection<MetricData> metrics) {
    assertThat(metrics).hasSize(1);
    return metrics.iterator().next();
  }
}
