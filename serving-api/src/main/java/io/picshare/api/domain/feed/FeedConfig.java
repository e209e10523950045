package io.picshare.api.domain.feed;

import java.time.Duration;

/**
 * The feed's knobs: authors with at least {@code celebrityFollowers} followers are not fanned out
 * but pulled at read time; photo rows used for ranking are cached for {@code rankingCacheTtl}; a
 * reader's set of followees is kept for {@code followeesCacheTtl} (a follow or unfollow through
 * another process shows within it); a reader's {@code top} ranking is reused for first pages for
 * {@code topCacheTtl}.
 */
public record FeedConfig(
    int celebrityFollowers,
    Duration rankingCacheTtl,
    Duration followeesCacheTtl,
    Duration topCacheTtl) {
  public static final FeedConfig DEFAULTS =
      new FeedConfig(10_000, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10));

  public FeedConfig {
    if (celebrityFollowers < 1) {
      throw new IllegalArgumentException("celebrityFollowers must be positive");
    }
  }
}
