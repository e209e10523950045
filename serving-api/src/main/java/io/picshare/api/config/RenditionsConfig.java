package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How the workers build display renditions.
 *
 * @param threads photos rendered at once by one workers process ({@code renditions-threads},
 *     default: the number of cores); the consumer polls at most twice as many events at a time
 * @param timeLimit how long one image may take to decode before it is recorded as failed ({@code
 *     renditions-time-limit-seconds}, default 20)
 */
public record RenditionsConfig(int threads, Duration timeLimit) {
  public RenditionsConfig {
    if (threads < 1) {
      throw new ConfigException("renditions-threads must be positive");
    }
    requireNonNull(timeLimit, "timeLimit is null");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new ConfigException("renditions-time-limit-seconds must be positive");
    }
  }

  static RenditionsConfig from(ConfigValues values) {
    return new RenditionsConfig(
        values.integer("renditions-threads", Runtime.getRuntime().availableProcessors(), 1, 256),
        Duration.ofSeconds(values.integer("renditions-time-limit-seconds", 20, 1, 600)));
  }
}
