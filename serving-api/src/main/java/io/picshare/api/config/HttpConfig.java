package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP edge.
 *
 * @param role which routes this server serves: {@code read}, {@code write} or {@code all}
 * @param host the address to bind ({@code http-host}, default {@code 0.0.0.0})
 * @param port the port to bind ({@code http-port}, default 8080)
 */
public record HttpConfig(ServerRole role, String host, int port) {
  public HttpConfig {
    requireNonNull(role, "role is null");
    requireNonNull(host, "host is null");
  }

  static HttpConfig from(ConfigValues values) {
    return new HttpConfig(
        ServerRole.parse(values.string("role", "all")),
        values.string("http-host", "0.0.0.0"),
        values.integer("http-port", 8080, 0, 65535));
  }
}
