package dev.pillars;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool}, the Prometheus linter, run on what a test exposes. */
public final class Promtool {

  private Promtool() {}

  /**
   * Runs {@code promtool check metrics} on {@code exposition} and returns what it printed: empty
   * when the text lints clean. Fails when promtool exits non-zero without saying why; skips (or,
   * under {@code CI=true}, fails) when promtool is not installed.
   */
  public static String checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = ExternalBinary.require("promtool");
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
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
    if (p.exitValue() != 0 && out.isEmpty()) {
      throw new AssertionError("promtool check metrics exited " + p.exitValue() + " silently");
    }
    return out;
  }
}
