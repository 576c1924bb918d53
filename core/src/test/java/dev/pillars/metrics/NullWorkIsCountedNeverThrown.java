package dev.pillars.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillars.Pillars;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One behaviour for null arguments (issue 14): a recording call given null (here, null work to a
 * timing or error-counting wrapper, as tracing's stages already did) runs nothing, returns null or
 * a completed future, and is counted once as {@code null_body}; a configuration call given null
 * fails at once, naming the parameter.
 */
class NullWorkIsCountedNeverThrown {

  private final MetricsFixture f = new MetricsFixture();
  private final Metrics metrics = f.metrics;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void wrappersGivenNullWorkRunNothingAndCountIt() throws Exception {
    Timed timed = metrics.timed("retrieval_time", "operation", "search");
    ErrorCounting errors = metrics.countErrors("endpoint", "/q", "function", "f");

    timed.run(null);
    assertThat(timed.get((Supplier<String>) null)).isNull();
    assertThat(timed.call((Callable<String>) null)).isNull();
    assertThat(timed.async(null)).isCompletedWithValue(null);
    errors.run(null);
    assertThat(errors.get((Supplier<String>) null)).isNull();

    assertThat(f.dropped("null_body")).isEqualTo(6);
    assertThat(f.histogram("retrieval_time", MetricsFixture.attrs("operation", "search")))
        .isEmpty();
  }

  @Test
  void configurationGivenNullFailsNamingTheParameter() {
    assertThatThrownBy(() -> Metrics.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("openTelemetry");
    assertThatThrownBy(() -> Pillars.builder().serviceName(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> Pillars.builder().addMetricReader(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("reader");
  }
}
