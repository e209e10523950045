package io.picshare.stack.node;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command line the launcher gives every node: {@code --data-dir D --ready-file F} plus {@code
 * --name value} options of the node's own (ports, paths).
 */
public final class NodeArguments {
  private final Map<String, String> values;

  private NodeArguments(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static NodeArguments parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --name value pairs, got: " + String.join(" ", args));
      }
      values.put(arg.substring(2), args[++i]);
    }
    return new NodeArguments(values);
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing required option --" + name);
    }
    return value;
  }

  /** The value of {@code --name}, or empty if it was not given. */
  public Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public Path path(String name) {
    return Path.of(required(name)).toAbsolutePath();
  }

  public int port(String name) {
    return port(name, required(name));
  }

  /** The port given as {@code --name}, or empty if it was not given; 0 means any free port. */
  public Optional<Integer> optionalPort(String name) {
    return optional(name).map(value -> port(name, value));
  }

  private static int port(String name, String value) {
    int port = Integer.parseInt(value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--" + name + " is not a port: " + port);
    }
    return port;
  }

  public Path dataDir() {
    return path("data-dir");
  }

  public Path readyFile() {
    return path("ready-file");
  }
}
