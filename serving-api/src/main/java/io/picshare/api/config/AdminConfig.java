package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

/**
 * The operators' port: {@code /metrics} and the detailed {@code /health/ready}, kept off the public
 * port.
 *
 * @param host the address to bind ({@code admin-host}, default {@code 127.0.0.1})
 * @param port the port to bind ({@code admin-port}, default {@code http-port} + 1000, i.e. 9080 for
 *     the default 8080, so that a read and a write server on one host do not collide; 0 picks a
 *     free port, and is the default when {@code http-port} is 0)
 */
public record AdminConfig(String host, int port) {
  static final int OFFSET_FROM_HTTP_PORT = 1000;

  public AdminConfig {
    requireNonNull(host, "host is null");
  }

  static AdminConfig from(ConfigValues values, int httpPort) {
    int defaultPort = httpPort == 0 ? 0 : httpPort + OFFSET_FROM_HTTP_PORT;
    if (defaultPort > 65535) {
      defaultPort = 0;
    }
    return new AdminConfig(
        values.string("admin-host", "127.0.0.1"),
        values.integer("admin-port", defaultPort, 0, 65535));
  }
}
