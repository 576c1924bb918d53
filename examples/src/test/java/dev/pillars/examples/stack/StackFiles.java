package dev.pillars.examples.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The shipped stack files, found from the examples module's directory, parsed as YAML. */
final class StackFiles {

  /** Surefire runs in the module directory; the repository root is its parent. */
  static final Path STACK = Path.of("stack").toAbsolutePath().normalize();

  static final Path REPO = STACK.getParent().getParent();
  static final Path OTEL_CONFIG = REPO.resolve("otel-config.yaml");
  static final Path COMPOSE = STACK.resolve("docker-compose.yml");
  static final Path PROMETHEUS = STACK.resolve("prometheus.yml");
  static final Path RULES = STACK.resolve("prometheus/rules");
  static final Path RULE_TESTS = STACK.resolve("prometheus/tests");
  static final Path DATASOURCES = STACK.resolve("grafana/provisioning/datasources/datasources.yml");
  static final Path DASHBOARDS = STACK.resolve("grafana/dashboards");
  static final Path TEMPO = STACK.resolve("tempo/tempo.yaml");
  static final Path LOKI = STACK.resolve("loki/loki.yaml");

  private StackFiles() {}

  /** Parses a YAML (or JSON) file into maps and lists; fails the test on a syntax error. */
  static Map<String, Object> load(Path file) {
    assertThat(file).as("stack file").isRegularFile();
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object doc = new Yaml(options).load(r);
      assertThat(doc).as("%s holds a mapping", file).isInstanceOf(Map.class);
      return cast(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value at a path of keys, or null. */
  static Object at(Object node, String... keys) {
    Object cur = node;
    for (String k : keys) {
      if (!(cur instanceof Map)) {
        return null;
      }
      cur = ((Map<?, ?>) cur).get(k);
    }
    return cur;
  }

  static Map<String, Object> map(Object node, String... keys) {
    Object v = at(node, keys);
    assertThat(v).as("mapping at %s", String.join(".", keys)).isInstanceOf(Map.class);
    return cast(v);
  }

  static List<Object> list(Object node, String... keys) {
    Object v = at(node, keys);
    assertThat(v).as("list at %s", String.join(".", keys)).isInstanceOf(List.class);
    return cast(v);
  }

  static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port of "host:port", "scheme://host:port/path" or ":port". */
  static int port(String address) {
    String rest = address.replaceFirst("^[a-z]+://", "");
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      rest = rest.substring(0, slash);
    }
    return Integer.parseInt(rest.substring(rest.lastIndexOf(':') + 1));
  }

  /** The host of "host:port" or "scheme://host:port/path". */
  static String host(String address) {
    String rest = address.replaceFirst("^[a-z]+://", "");
    return rest.substring(0, rest.lastIndexOf(':'));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
