package dev.pillars.examples;

import java.time.Duration;
import java.util.Optional;

/**
 * Command-line options of {@link RagDemoService}.
 *
 * @param host interface to bind; 127.0.0.1 unless told otherwise
 * @param port HTTP port; 0 picks a free one
 * @param drive how long to drive traffic, {@code null} for none, {@link Duration#ZERO} for ever
 * @param latencyScale multiplies the simulated stage delays
 */
public record DemoOptions(String host, int port, Duration drive, double latencyScale) {

  /** Defaults: 127.0.0.1:8000, no driving, realistic delays. */
  public static DemoOptions defaults() {
    return new DemoOptions("127.0.0.1", 8000, null, 1.0);
  }

  /** The usage text printed on bad options. */
  public static final String USAGE =
      "usage: RagDemoService [--host 127.0.0.1] [--port 8000] [--drive 30s|2m|forever]"
          + " [--latency-scale 1.0]";

  /** Parses {@code args}; empty with a reason printed to stderr when they are wrong. */
  public static Optional<DemoOptions> parse(String... args) {
    DemoOptions o = defaults();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (a) {
          case "--host" -> o = new DemoOptions(need(a, v), o.port, o.drive, o.latencyScale);
          case "--port" -> o = new DemoOptions(o.host, port(need(a, v)), o.drive, o.latencyScale);
          case "--drive" ->
              o = new DemoOptions(o.host, o.port, duration(need(a, v)), o.latencyScale);
          case "--latency-scale" -> o = new DemoOptions(o.host, o.port, o.drive, scale(need(a, v)));
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
        i++;
      }
      return Optional.of(o);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      return Optional.empty();
    }
  }

  /** Whether to drive traffic without end. */
  public boolean driveForever() {
    return Duration.ZERO.equals(drive);
  }

  private static String need(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static int port(String v) {
    int p = Integer.parseInt(v.strip());
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + v);
    }
    return p;
  }

  private static double scale(String v) {
    double s = Double.parseDouble(v.strip());
    if (!(s >= 0 && s <= 100)) {
      throw new IllegalArgumentException("--latency-scale must be 0..100, got " + v);
    }
    return s;
  }

  /** "30s", "2m", "500ms" or "forever". */
  static Duration duration(String v) {
    String s = v.strip().toLowerCase(java.util.Locale.ROOT);
    if (s.equals("forever")) {
      return Duration.ZERO;
    }
    try {
      Duration d;
      if (s.endsWith("ms")) {
        d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
      } else if (s.endsWith("s")) {
        d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
      } else if (s.endsWith("m")) {
        d = Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
      } else {
        d = Duration.ofSeconds(Long.parseLong(s));
      }
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("--drive must be positive or 'forever', got " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--drive takes 30s, 2m, 500ms or forever, got " + v);
    }
  }
}
