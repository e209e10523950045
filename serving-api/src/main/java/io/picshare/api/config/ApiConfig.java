package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Everything the API is configured with, validated when the process starts. (Id-generator worker
 * ids are leased from HBase at start, never configured.)
 *
 * @param admin the operators' port
 * @param timeouts how long the HTTP edge waits
 * @param proxies the proxies whose forwarding headers are believed
 * @param shutdown how a {@code SIGTERM} drains the server
 */
public record ApiConfig(
    HttpConfig http,
    StorageConfig storage,
    UploadConfig upload,
    AuthConfig auth,
    RateLimitConfig rateLimits,
    AdminConfig admin,
    TimeoutConfig timeouts,
    ProxyConfig proxies,
    ShutdownConfig shutdown) {
  public ApiConfig {
    requireNonNull(admin, "admin is null");
    requireNonNull(timeouts, "timeouts is null");
    requireNonNull(proxies, "proxies is null");
    requireNonNull(http, "http is null");
    requireNonNull(storage, "storage is null");
    requireNonNull(upload, "upload is null");
    requireNonNull(auth, "auth is null");
    requireNonNull(rateLimits, "rateLimits is null");
    requireNonNull(shutdown, "shutdown is null");
  }

  public static ApiConfig from(ConfigValues values) {
    HttpConfig http = HttpConfig.from(values);
    ApiConfig config =
        new ApiConfig(
            http,
            StorageConfig.from(values),
            UploadConfig.from(values),
            AuthConfig.from(values),
            RateLimitConfig.from(values),
            AdminConfig.from(values, http.port()),
            TimeoutConfig.from(values),
            ProxyConfig.from(values),
            ShutdownConfig.from(values));
    values.rejectUnknown();
    return config;
  }

  public static ApiConfig defaults() {
    return from(new ConfigValues(Map.of()));
  }
}
