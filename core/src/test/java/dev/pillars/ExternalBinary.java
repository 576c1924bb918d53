package dev.pillars;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a real peer binary (Debian's prometheus, promtool) for a test. Absent, the test is skipped
 * with a message saying how to install it; under CI ({@code CI=true}) it fails instead, so a
 * missing install step cannot pass unnoticed.
 */
public final class ExternalBinary {

  private ExternalBinary() {}

  /** The path of {@code name} on the PATH (or /usr/bin), skipping or failing the test if absent. */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    String message =
        name
            + " is not installed: run `apt-get install -y --no-install-recommends prometheus`"
            + " (Debian's package brings prometheus and promtool), or `bash .ci/run`";
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError(message + " (CI=true: failing instead of skipping)");
    }
    assumeTrue(found.isPresent(), message);
    return found.get();
  }

  static Optional<Path> find(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
