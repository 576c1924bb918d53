package dev.pillars.examples.stack;

import static dev.pillars.examples.stack.StackFiles.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only views of docker-compose.yml: ports, bind mounts and command flags per service. */
final class ComposeServices {

  /** A published port: "127.0.0.1:8000:8000" is host 127.0.0.1, 8000 to container 8000. */
  record Published(String hostIp, int hostPort, int containerPort) {}

  /** A bind mount of a repository file or directory into a container. */
  record BindMount(Path source, String target) {}

  private final Map<String, Object> services;

  ComposeServices() {
    this.services = map(StackFiles.load(StackFiles.COMPOSE), "services");
  }

  Map<String, Object> all() {
    return services;
  }

  boolean has(String name) {
    return services.containsKey(name);
  }

  List<Published> ports(String service) {
    List<Published> out = new ArrayList<>();
    Object ports = StackFiles.at(services, service, "ports");
    if (ports instanceof List<?> list) {
      for (Object p : list) {
        String[] parts = String.valueOf(p).split(":");
        if (parts.length == 3) {
          out.add(new Published(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
        } else {
          out.add(new Published("", Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        }
      }
    }
    return out;
  }

  List<Integer> containerPorts(String service) {
    return ports(service).stream().map(Published::containerPort).toList();
  }

  /** Volumes whose source is a path (not a named volume), resolved against the compose file. */
  List<BindMount> bindMounts(String service) {
    List<BindMount> out = new ArrayList<>();
    Object volumes = StackFiles.at(services, service, "volumes");
    if (volumes instanceof List<?> list) {
      for (Object v : list) {
        String[] parts = String.valueOf(v).split(":");
        if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
          out.add(new BindMount(StackFiles.STACK.resolve(parts[0]).normalize(), parts[1]));
        }
      }
    }
    return out;
  }

  List<String> command(String service) {
    Object c = StackFiles.at(services, service, "command");
    List<String> out = new ArrayList<>();
    if (c instanceof List<?> list) {
      list.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** The value of "--flag=value", "-flag=value" or "--flag value" in the service's command. */
  Optional<String> flag(String service, String flag) {
    List<String> cmd = command(service);
    for (int i = 0; i < cmd.size(); i++) {
      String arg = cmd.get(i).replaceFirst("^--?", "");
      if (arg.startsWith(flag + "=")) {
        return Optional.of(arg.substring(flag.length() + 1));
      }
      if (arg.equals(flag) && i + 1 < cmd.size() && cmd.get(i).startsWith("-")) {
        return Optional.of(cmd.get(i + 1));
      }
    }
    return Optional.empty();
  }

  Map<String, String> environment(String service) {
    Map<String, String> out = new LinkedHashMap<>();
    Object env = StackFiles.at(services, service, "environment");
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }
}
