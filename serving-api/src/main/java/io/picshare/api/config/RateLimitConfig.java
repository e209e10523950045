package io.picshare.api.config;

/**
 * Request rate limits, enforced per server instance. A client is its address as {@link ProxyConfig
 * trusted proxies} report it; IPv6 clients are counted per /64.
 *
 * @param uploadsPerUserPerMinute {@code rate-limit-uploads-per-minute}, default 60
 * @param uploadsPerClientPerMinute uploads per client address, {@code
 *     rate-limit-uploads-per-client-per-minute}, default 600
 * @param signUpsPerClientPerHour {@code rate-limit-signups-per-hour}, default 20
 * @param logInsPerClientPerMinute {@code rate-limit-logins-per-minute}, default 30
 * @param logInsPerAccountPerMinute log-in attempts per username (case-insensitive), from any
 *     client, successful or not: the guard against guessing one account's password from many
 *     addresses ({@code rate-limit-logins-per-account-per-minute}, default 10)
 */
public record RateLimitConfig(
    int uploadsPerUserPerMinute,
    int uploadsPerClientPerMinute,
    int signUpsPerClientPerHour,
    int logInsPerClientPerMinute,
    int logInsPerAccountPerMinute) {
  static RateLimitConfig from(ConfigValues values) {
    return new RateLimitConfig(
        values.integer("rate-limit-uploads-per-minute", 60, 1, 1_000_000),
        values.integer("rate-limit-uploads-per-client-per-minute", 600, 1, 1_000_000),
        values.integer("rate-limit-signups-per-hour", 20, 1, 1_000_000),
        values.integer("rate-limit-logins-per-minute", 30, 1, 1_000_000),
        values.integer("rate-limit-logins-per-account-per-minute", 10, 1, 1_000_000));
  }
}
