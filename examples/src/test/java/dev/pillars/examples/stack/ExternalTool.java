package dev.pillars.examples.stack;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A binary from Debian's {@code prometheus} package (promtool, prometheus), found on the PATH.
 * Absent, the test is skipped with the install command, except under CI (env {@code CI=true}),
 * where a missing peer fails the build instead of hiding it.
 */
final class ExternalTool {

  static final String INSTALL =
      "install it with: apt-get update && apt-get install -y --no-install-recommends prometheus"
          + " (make /usr/sbin/policy-rc.d exit 101 first so no daemon starts)";

  /** What a finished run printed. */
  record Result(int exitCode, String output) {}

  private final Path binary;

  private ExternalTool(Path binary) {
    this.binary = binary;
  }

  /** The tool, or a skipped (locally) or failed (CI) test. */
  static ExternalTool require(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return new ExternalTool(candidate);
      }
    }
    String message = name + " is not on the PATH; " + INSTALL;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  Path path() {
    return binary;
  }

  /** Runs the tool to completion, at most {@code timeoutSeconds}, in {@code dir}. */
  Result run(Path dir, long timeoutSeconds, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("%s did not finish in %d s", cmd, timeoutSeconds);
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + cmd, e);
    }
  }
}
