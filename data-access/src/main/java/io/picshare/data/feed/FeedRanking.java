package io.picshare.data.feed;

import java.time.Duration;

/**
 * How the {@code top} feed ranks a photo: {@code (likes + 1) / (ageHours + 2)^1.5} (the Hacker News
 * form: a like counts for less the older the photo), over the photos of the last {@link #WINDOW}.
 * The nightly job scores with it and the read path re-scores with current like counts and the
 * current time, so both must use this one definition (docs/feed.md).
 */
public final class FeedRanking {
  /** Only photos younger than this are in a {@code top} feed. */
  public static final Duration WINDOW = Duration.ofDays(7);

  /** How many candidates the nightly job keeps per user. */
  public static final int DEFAULT_CANDIDATES = 500;

  private static final double GRAVITY = 1.5;
  private static final double AGE_OFFSET_HOURS = 2;

  private FeedRanking() {}

  /** The score of a photo with {@code likes} likes, uploaded at {@code createdAtMillis}. */
  public static double score(long likes, long createdAtMillis, long nowMillis) {
    double ageHours = Math.max(0, nowMillis - createdAtMillis) / 3_600_000.0;
    return (Math.max(0, likes) + 1) / Math.pow(ageHours + AGE_OFFSET_HOURS, GRAVITY);
  }

  /** Whether a photo uploaded at {@code createdAtMillis} is inside the window at {@code now}. */
  public static boolean inWindow(long createdAtMillis, long nowMillis) {
    return inWindow(createdAtMillis, nowMillis, WINDOW);
  }

  /**
   * Whether a photo uploaded at {@code createdAtMillis} is younger than {@code window} at {@code
   * now} (the nightly job's window is an option; the read path uses {@link #WINDOW}).
   */
  public static boolean inWindow(long createdAtMillis, long nowMillis, Duration window) {
    return nowMillis - createdAtMillis < window.toMillis();
  }
}
