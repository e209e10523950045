package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.feed.FeedConfig;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the API is configured with, validated when the process starts. (Id-generator worker
 * ids are leased from HBase at start, never configured.)
 *
 * @param admin the operators' port
 * @param timeouts how long the HTTP edge waits
 * @param proxies the proxies whose forwarding headers are believed
 * @param shutdown how a {@code SIGTERM} drains the server
 * @param webhooks where webhooks may point and how they are delivered
 * @param renditions how the workers build display renditions
 * @param webApp where the web app's writes go, and which web apps may write across origins
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
    ShutdownConfig shutdown,
    FeedConfig feed,
    WebhookConfig webhooks,
    StreamConfig stream,
    RenditionsConfig renditions,
    WebAppConfig webApp) {
  public ApiConfig {
    requireNonNull(webApp, "webApp is null");
    requireNonNull(webhooks, "webhooks is null");
    requireNonNull(renditions, "renditions is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(stream, "stream is null");
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
            ShutdownConfig.from(values),
            feed(values),
            WebhookConfig.from(values),
            StreamConfig.from(values),
            RenditionsConfig.from(values),
            WebAppConfig.from(values));
    values.rejectUnknown();
    return config;
  }

  /**
   * {@code feed-celebrity-followers} (default 10000): authors with at least this many followers are
   * not fanned out but pulled at read time; {@code feed-ranking-cache-seconds} (default 30): how
   * long a feed ranks with a cached photo row (like count); {@code feed-followees-cache-seconds}
   * (default 5): how long a reader's followee set is used again (a follow or unfollow through
   * another process shows in the feed within it); {@code feed-top-cache-seconds} (default 10): how
   * long a reader's {@code top} ranking is reused for their first pages.
   */
  private static FeedConfig feed(ConfigValues values) {
    return new FeedConfig(
        values.integer("feed-celebrity-followers", 10_000, 1, 1_000_000_000),
        Duration.ofSeconds(values.integer("feed-ranking-cache-seconds", 30, 0, 3600)),
        Duration.ofSeconds(values.integer("feed-followees-cache-seconds", 5, 0, 300)),
        Duration.ofSeconds(values.integer("feed-top-cache-seconds", 10, 0, 300)));
  }

  public static ApiConfig defaults() {
    return from(new ConfigValues(Map.of()));
  }
}
