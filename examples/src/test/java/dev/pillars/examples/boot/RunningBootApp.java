package dev.pillars.examples.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One of the Spring Boot applications that maven-invoker-plugin built from {@code src/it}, run as
 * its user would: {@code java -jar app.jar}, in its own JVM, stopped with SIGTERM.
 */
final class RunningBootApp implements AutoCloseable {

  private static final Pattern PORT = Pattern.compile("Tomcat started on port[s()]*:? ?(\\d+)");

  private final Process process;
  private final List<String> stdout = new ArrayList<>();
  private final List<String> stderr = new ArrayList<>();
  private final Thread[] readers;

  private RunningBootApp(Process process) {
    this.process = process;
    this.readers =
        new Thread[] {
          reader(process.getInputStream(), stdout, "stdout"),
          reader(process.getErrorStream(), stderr, "stderr")
        };
  }

  /** Starts the executable jar of the IT project {@code project} on a free loopback port. */
  static RunningBootApp start(String project) throws IOException {
    Path target = Path.of(System.getProperty("boot.apps.dir", "target/it"), project, "target");
    Path jar;
    try (Stream<Path> files = Files.list(target)) {
      jar =
          files
              .filter(p -> p.getFileName().toString().endsWith(".jar"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no jar in "
                              + target
                              + ": maven-invoker-plugin builds it in pre-integration-test (mvn verify)"));
    }
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            jar.toString(),
            "--server.address=127.0.0.1",
            "--server.port=0");
    // the app must get its settings from its own files, not from whatever runs this build
    pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_") || k.startsWith("PILLARS_"));
    return new RunningBootApp(pb.start());
  }

  /** Waits for Tomcat's start line and returns the port it names. */
  int awaitPort(Duration timeout) throws InterruptedException {
    String line = awaitLine(l -> PORT.matcher(l).find(), timeout);
    Matcher m = PORT.matcher(line);
    m.find();
    return Integer.parseInt(m.group(1));
  }

  /** The first stdout line matching {@code condition}, waiting for it at most {@code timeout}. */
  String awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout()) {
        if (condition.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "no matching line within "
            + timeout
            + "; alive="
            + process.isAlive()
            + "\nstdout:\n"
            + String.join("\n", stdout())
            + "\nstderr:\n"
            + String.join("\n", stderr()));
  }

  /** Sends SIGTERM and waits for the JVM to end; returns its exit code. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return awaitEnd(timeout, "of SIGTERM");
  }

  /**
   * Waits for the JVM to end by itself, sending no signal (an app that refuses to start); returns
   * its exit code.
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    return awaitEnd(timeout, "without a signal");
  }

  private int awaitEnd(Duration timeout, String how) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the app did not end within " + timeout + " " + how);
    }
    for (Thread t : readers) {
      t.join(5_000);
    }
    return process.exitValue();
  }

  List<String> stdout() {
    synchronized (stdout) {
      return List.copyOf(stdout);
    }
  }

  List<String> stderr() {
    synchronized (stderr) {
      return List.copyOf(stderr);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static Thread reader(InputStream in, List<String> into, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  synchronized (into) {
                    into.add(line);
                  }
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "boot-app-" + name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
