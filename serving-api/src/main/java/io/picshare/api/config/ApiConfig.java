package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Everything the API is configured with, validated when the process starts. (Id-generator
 * worker ids are leased from HBase at start, never configured.)
 */
public record ApiConfig(
    HttpConfig http, StorageConfig storage, UploadConfig upload, AuthConfig auth, RateLimitConfig rateLimits) {
  public ApiConfig {
    requireNonNull(http, "http is null");
    requireNonNull(storage, "storage is null");
    requireNonNull(upload, "upload is null");
    requireNonNull(auth, "auth is null");
    requireNonNull(rateLimits, "rateLimits is null");
  }

  public static ApiConfig from(ConfigValues values) {
    ApiConfig config = new ApiConfig(
        HttpConfig.from(values),
        StorageConfig.from(values),
        UploadConfig.from(values),
        AuthConfig.from(values),
        RateLimitConfig.from(values));
    values.rejectUnknown();
    return config;
  }

  public static ApiConfig defaults() {
    return from(new ConfigValues(Map.of()));
  }
}
