package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Live notifications ({@code GET /v1/stream}, a WebSocket).
 *
 * @param maxConnections open streams one API process accepts ({@code stream-max-connections},
 *     default 10000); beyond, {@code 503}
 * @param maxConnectionsPerUser open streams of one user per process ({@code
 *     stream-max-connections-per-user}, default 5); beyond, {@code 429}
 * @param heartbeat how often the server pings each stream; one that has not answered for three
 *     heartbeats is closed ({@code stream-heartbeat-seconds}, default 20)
 */
public record StreamConfig(int maxConnections, int maxConnectionsPerUser, Duration heartbeat) {
  public StreamConfig {
    requireNonNull(heartbeat, "heartbeat is null");
  }

  static StreamConfig from(ConfigValues values) {
    return new StreamConfig(
        values.integer("stream-max-connections", 10_000, 1, 1_000_000),
        values.integer("stream-max-connections-per-user", 5, 1, 1_000),
        Duration.ofSeconds(values.integer("stream-heartbeat-seconds", 20, 1, 3600)));
  }
}
