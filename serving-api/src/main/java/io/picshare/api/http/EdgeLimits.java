package io.picshare.api.http;

import static java.util.Objects.requireNonNull;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.RateLimitConfig;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Everything one API instance counts across its event loops: open connections, upload bytes in
 * flight, rate-limit buckets, and whom requests come from. Create one per instance and give it to
 * every server and router of that instance.
 */
public final class EdgeLimits {
  private final ConnectionGuard connections;
  private final UploadBytesInFlight uploadBytes;
  private final ClientAddresses clients;
  final RateLimiter signUpsPerClient;
  final RateLimiter logInsPerClient;
  final RateLimiter logInsPerAccount;
  final RateLimiter uploadsPerUser;
  final RateLimiter uploadsPerClient;

  private EdgeLimits(ApiConfig config, ConnectionGuard connections) {
    this.connections = requireNonNull(connections, "connections is null");
    this.uploadBytes = new UploadBytesInFlight(config.upload().maxBytesInFlight());
    this.clients = new ClientAddresses(config.proxies());
    RateLimitConfig limits = config.rateLimits();
    this.signUpsPerClient =
        new RateLimiter("sign-ups", limits.signUpsPerClientPerHour(), Duration.ofHours(1));
    this.logInsPerClient =
        new RateLimiter("log-ins", limits.logInsPerClientPerMinute(), Duration.ofMinutes(1));
    this.logInsPerAccount =
        new RateLimiter(
            "log-ins to this account", limits.logInsPerAccountPerMinute(), Duration.ofMinutes(1));
    this.uploadsPerUser =
        new RateLimiter("uploads", limits.uploadsPerUserPerMinute(), Duration.ofMinutes(1));
    this.uploadsPerClient =
        new RateLimiter(
            "uploads from this address", limits.uploadsPerClientPerMinute(), Duration.ofMinutes(1));
  }

  public static EdgeLimits create(Vertx vertx, ApiConfig config) {
    return new EdgeLimits(
        config,
        new ConnectionGuard(
            vertx, config.http().maxConnections(), config.timeouts().headerTimeout()));
  }

  public ConnectionGuard connections() {
    return connections;
  }

  public UploadBytesInFlight uploadBytes() {
    return uploadBytes;
  }

  ClientAddresses clients() {
    return clients;
  }
}
