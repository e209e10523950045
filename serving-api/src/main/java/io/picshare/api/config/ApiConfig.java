package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** Everything the API is configured with, validated when the process starts. */
public record ApiConfig(HttpConfig http, StorageConfig storage) {
  public ApiConfig {
    requireNonNull(http, "http is null");
    requireNonNull(storage, "storage is null");
  }

  public static ApiConfig from(ConfigValues values) {
    ApiConfig config = new ApiConfig(HttpConfig.from(values), StorageConfig.from(values));
    values.rejectUnknown();
    return config;
  }

  public static ApiConfig defaults() {
    return from(new ConfigValues(Map.of()));
  }
}
