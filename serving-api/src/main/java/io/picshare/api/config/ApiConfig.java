package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Everything the API is configured with, validated when the process starts.
 *
 * @param workerId this instance's id-generator worker (0–1023, {@code worker-id}, default 0);
 *     every running instance needs its own
 * @param shutdown how a {@code SIGTERM} drains the server
 */
public record ApiConfig(
    HttpConfig http, StorageConfig storage, UploadConfig upload, AuthConfig auth, RateLimitConfig rateLimits, int workerId,
    ShutdownConfig shutdown) {
  public ApiConfig {
    requireNonNull(http, "http is null");
    requireNonNull(storage, "storage is null");
    requireNonNull(upload, "upload is null");
    requireNonNull(auth, "auth is null");
    requireNonNull(rateLimits, "rateLimits is null");
    requireNonNull(shutdown, "shutdown is null");
  }

  public static ApiConfig from(ConfigValues values) {
    ApiConfig config = new ApiConfig(
        HttpConfig.from(values),
        StorageConfig.from(values),
        UploadConfig.from(values),
        AuthConfig.from(values),
        RateLimitConfig.from(values),
        values.integer("worker-id", 0, 0, 1023),
        ShutdownConfig.from(values));
    values.rejectUnknown();
    return config;
  }

  public static ApiConfig defaults() {
    return from(new ConfigValues(Map.of()));
  }
}
