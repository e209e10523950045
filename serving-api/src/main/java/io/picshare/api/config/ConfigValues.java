package io.picshare.api.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Raw configuration: documented kebab-case keys with string values, taken from the command line
 * ({@code --http-port=8080}) over the environment ({@code PICSHARE_HTTP_PORT=8080}) over the
 * defaults. Typed holders read it; {@link #rejectUnknown()} fails start-up on a misspelt key.
 */
public final class ConfigValues {
  private static final String ENV_PREFIX = "PICSHARE_";

  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  public ConfigValues(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Command-line {@code --key=value} options over {@code PICSHARE_KEY} environment variables. */
  public static ConfigValues from(String[] args, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(ENV_PREFIX)) {
            values.put(
                name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-'),
                value);
          }
        });
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new ConfigException("expected --key=value, got: " + arg);
      }
      values.put(arg.substring(2, equals), arg.substring(equals + 1));
    }
    return new ConfigValues(values);
  }

  public String string(String key, String defaultValue) {
    read.add(key);
    String value = values.get(key);
    return value == null || value.isBlank() ? defaultValue : value.strip();
  }

  public Optional<Path> path(String key) {
    String value = string(key, null);
    return value == null ? Optional.empty() : Optional.of(Path.of(value));
  }

  public int integer(String key, int defaultValue, int min, int max) {
    String value = string(key, Integer.toString(defaultValue));
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be an integer, got: " + value);
    }
    if (parsed < min || parsed > max) {
      throw new ConfigException(
          key + " must be between " + min + " and " + max + ", got: " + parsed);
    }
    return parsed;
  }

  public void rejectUnknown() {
    Set<String> unknown = new TreeSet<>(values.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new ConfigException("unknown configuration keys: " + unknown);
    }
  }
}
