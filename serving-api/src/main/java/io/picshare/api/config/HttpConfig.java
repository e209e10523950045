package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The HTTP edge.
 *
 * @param role which routes this server serves: {@code read}, {@code write} or {@code all} ({@code
 *     role})
 * @param host the address to bind ({@code http-host}, default {@code 0.0.0.0})
 * @param port the port to bind ({@code http-port}, default 8080)
 * @param maxConnections open connections beyond this are closed at once ({@code max-connections},
 *     default 500); idle ones are reaped by {@link TimeoutConfig#headerTimeout()}
 * @param eventLoops event-loop threads ({@code event-loops}, default twice the cores)
 * @param workerThreads worker threads for blocking work ({@code worker-threads}, default 20)
 * @param tlsCertificate PEM certificate chain; with {@code tlsKey}, the server speaks HTTPS ({@code
 *     tls-cert-file})
 * @param tlsKey PEM private key ({@code tls-key-file})
 */
public record HttpConfig(
    ServerRole role,
    String host,
    int port,
    int maxConnections,
    int eventLoops,
    int workerThreads,
    Optional<Path> tlsCertificate,
    Optional<Path> tlsKey) {
  public HttpConfig {
    requireNonNull(role, "role is null");
    requireNonNull(host, "host is null");
    requireNonNull(tlsCertificate, "tlsCertificate is null");
    requireNonNull(tlsKey, "tlsKey is null");
    if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
      throw new ConfigException("tls-cert-file and tls-key-file must be given together");
    }
  }

  public boolean tls() {
    return tlsCertificate.isPresent();
  }

  static HttpConfig from(ConfigValues values) {
    return new HttpConfig(
        ServerRole.parse(values.string("role", "all")),
        values.string("http-host", "0.0.0.0"),
        values.integer("http-port", 8080, 0, 65535),
        values.integer("max-connections", 500, 1, 1_000_000),
        values.integer("event-loops", 2 * Runtime.getRuntime().availableProcessors(), 1, 1024),
        values.integer("worker-threads", 20, 1, 1024),
        values.path("tls-cert-file"),
        values.path("tls-key-file"));
  }
}
