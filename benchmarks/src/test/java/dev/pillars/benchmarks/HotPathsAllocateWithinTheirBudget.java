package dev.pillars.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The allocation guard: a short JMH run with the GC profiler over the hot paths, failing {@code mvn
 * verify} when one allocates more bytes per operation than the budget {@code benchmarks/README.md}
 * states ("Allocation budgets"). Bytes per operation ({@code gc.alloc.rate.norm}) do not depend on
 * the machine's speed or load, so a short run on a shared machine is enough; the times of this run
 * are not read.
 */
// issue 11: "An allocation guard that fails mvn verify if a bound handle, a stage's common path or
// a JSON log line allocates more than the README says"; the scrape of 1,000 series is guarded too,
// so that a change that converts every series at every scrape again fails the build, and the JDK
// HTTP filter, so that its span and metrics stay off the Instrumenter's per-request maps.
class HotPathsAllocateWithinTheirBudget {

  /** Benchmark method, then its budget in bytes per operation, as the README's table says. */
  private static final Map<String, Double> BUDGETS = new LinkedHashMap<>();

  static {
    BUDGETS.put("metrics.CounterBenchmark.pillarsBound", 0.0);
    BUDGETS.put("metrics.HistogramBenchmark.pillarsBound", 0.0);
    BUDGETS.put("metrics.CounterBenchmark.pillarsUnbound", 0.0);
    BUDGETS.put("metrics.HistogramBenchmark.pillarsUnbound", 0.0);
    BUDGETS.put("metrics.GaugeBenchmark.pillarsIncrementDecrement", 0.0);
    BUDGETS.put("metrics.GaugeBenchmark.pillarsTrackActive", 24.0);
    BUDGETS.put("tracing.StageOverheadBenchmark.stageScope", 1000.0);
    BUDGETS.put("logging.JsonLogEncodingBenchmark.pillarsInSpan", 400.0);
    BUDGETS.put("metrics.ScrapeBenchmark.pillarsMetricsText", 400_000.0);
    BUDGETS.put("http.HttpFilterBenchmark.pillarsFilter", 1800.0);
  }

  /** The scrape is guarded at this many series (the budget is for a whole scrape). */
  private static final String SCRAPE_SERIES = "1000";

  /** JMH's own bookkeeping shows as a fraction of a byte per operation, never as a whole one. */
  private static final double BOOKKEEPING = 0.5;

  @Test
  void boundHandlesStagesAndLogLinesStayWithinTheReadmesBudget() throws RunnerException {
    OptionsBuilder options = new OptionsBuilder();
    BUDGETS.keySet().forEach(b -> options.include("dev\\.pillars\\.benchmarks\\." + b + "$"));
    Options run =
        options
            .addProfiler(GCProfiler.class)
            .forks(1)
            // users' context storage, not sdk-testing's wrapper: see DefaultContextStorage
            .jvmArgsPrepend("-Dio.opentelemetry.context.contextStorageProvider=default")
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            // one measured second is millions of operations for most paths: a stray allocation
            // shows as a fraction of a byte per operation; a second iteration only cost time
            // (55 s in all with two on a slow VM, against the 60 s)
            .measurementIterations(1)
            .measurementTime(TimeValue.seconds(1))
            .threads(1)
            .param("series", SCRAPE_SERIES)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT) // the assertions below name every figure that fails
            .build();
    // Bytes per operation do not suffer from a concurrent JMH run (a benchmark run by hand while
    // mvn verify runs), so the guard does not wait for, or fail on, JMH's machine-wide lock.
    System.setProperty("jmh.ignoreLock", "true");
    Collection<RunResult> results = new Runner(run).run();

    Map<String, Double> measured = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark().replace("dev.pillars.benchmarks.", "");
      measured.put(name, allocationPerOp(r));
    }
    assertThat(measured).as("every guarded benchmark ran").containsOnlyKeys(BUDGETS.keySet());
    SoftAssertions budgets = new SoftAssertions(); // names every figure over its budget
    measured.forEach(
        (name, bytes) ->
            budgets
                .assertThat(bytes)
                .as(
                    "%s allocates %.1f B/op; its budget is %.0f B/op",
                    name, bytes, BUDGETS.get(name))
                .isLessThanOrEqualTo(BUDGETS.get(name) + BOOKKEEPING));
    budgets.assertAll();
  }

  @Test
  void theReadmeStatesEachBudget() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    BUDGETS.forEach(
        (name, budget) ->
            assertThat(readme)
                .as("benchmarks/README.md's allocation budget row for %s", name)
                .contains(
                    "| `"
                        + name.substring(name.indexOf('.') + 1)
                        + "` | "
                        + budget.intValue()
                        + " |"));
  }

  private static double allocationPerOp(RunResult r) {
    // JMH's API hands out the raw type
    @SuppressWarnings("rawtypes")
    Map<String, Result> secondary = r.getSecondaryResults();
    Result<?> norm = secondary.get("gc.alloc.rate.norm");
    if (norm == null) {
      norm = secondary.get("\u00b7gc.alloc.rate.norm"); // JMH before 1.37 named it so
    }
    assertThat(norm)
        .as("the GC profiler's gc.alloc.rate.norm for %s", r.getParams().getBenchmark())
        .isNotNull();
    return norm.getScore();
  }
}
