package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the API stops on {@code SIGTERM}.
 *
 * @param drainTimeout how long requests in flight may take to finish once the server has stopped
 *     accepting connections; what is still running then is cut off ({@code drain-timeout}, seconds,
 *     default 30)
 */
public record ShutdownConfig(Duration drainTimeout) {
  public ShutdownConfig {
    requireNonNull(drainTimeout, "drainTimeout is null");
    if (drainTimeout.isNegative()) {
      throw new ConfigException("drain-timeout must not be negative");
    }
  }

  static ShutdownConfig from(ConfigValues values) {
    return new ShutdownConfig(Duration.ofSeconds(values.integer("drain-timeout", 30, 0, 3600)));
  }
}
