package io.picshare.api.config;

/**
 * Request rate limits, enforced per server instance.
 *
 * @param uploadsPerUserPerMinute {@code rate-limit-uploads-per-minute}, default 60
 * @param uploadsPerClientPerMinute uploads per client address, {@code rate-limit-uploads-per-client-per-minute}, default 600
 * @param signUpsPerClientPerHour {@code rate-limit-signups-per-hour}, default 20
 * @param logInsPerClientPerMinute {@code rate-limit-logins-per-minute}, default 30
 */
public record RateLimitConfig(
    int uploadsPerUserPerMinute, int uploadsPerClientPerMinute, int signUpsPerClientPerHour, int logInsPerClientPerMinute) {
  static RateLimitConfig from(ConfigValues values) {
    return new RateLimitConfig(
        values.integer("rate-limit-uploads-per-minute", 60, 1, 1_000_000),
        values.integer("rate-limit-uploads-per-client-per-minute", 600, 1, 1_000_000),
        values.integer("rate-limit-signups-per-hour", 20, 1, 1_000_000),
        values.integer("rate-limit-logins-per-minute", 30, 1, 1_000_000));
  }
}
