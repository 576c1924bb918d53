package dev.pillars;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool}, the Prometheus linter and rule tester, run on what a test ships. */
public final class Promtool {

  /** What a finished run printed (stdout and stderr together) and its exit code. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}

  /**
   * Runs {@code promtool args...} in {@code dir} to completion, at most {@code timeout}; fails the
   * test when it takes longer. Skips (or, under {@code CI=true}, fails) when promtool is not
   * installed.
   *
   * <pre>{@code
   * Promtool.Result r = Promtool.run(rulesDir, Duration.ofSeconds(30), "check", "rules", "a.yml");
   * }</pre>
   */
  public static Result run(Path dir, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ExternalBinary.require("promtool").toString());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + timeout);
    }
    return new Result(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code promtool check metrics} on {@code exposition} and returns what it printed: empty
   * when the text lints clean. Fails when promtool exits non-zero without saying why; skips (or,
   * under {@code CI=true}, fails) when promtool is not installed.
   */
  public static String checkMetrics(String exposition) throws IOException, InterruptedException {
    Result r = checkMetricsResult(exposition);
    if (r.exitCode() != 0 && r.output().isEmpty()) {
      throw new AssertionError("promtool check metrics exited " + r.exitCode() + " silently");
    }
    return r.output();
  }

  /**
   * Runs {@code promtool check metrics} on {@code exposition}: exit code 0 when it lints clean, 3
   * for lint problems only (missing help text, ...), 1 when the text does not parse.
   */
  public static Result checkMetricsResult(String exposition)
      throws IOException, InterruptedException {
    Path promtool = ExternalBinary.require("promtool");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool check metrics did not finish within 30 s");
    }
    return new Result(p.exitValue(), out);
  }
}
