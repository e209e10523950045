package io.picshare.batch.feed;

import static java.util.Objects.requireNonNull;

import io.picshare.data.feed.FeedRanking;
import java.time.Duration;
import java.time.Instant;

/**
 * The photos a feed build considers: uploaded before {@code cutoff} (the build's "now", written as
 * the feeds' cutoff) and younger than {@code window} at that time, as {@link FeedRanking} decides.
 */
public record FeedWindow(Instant cutoff, Duration window) {
  public FeedWindow {
    requireNonNull(cutoff, "cutoff is null");
    requireNonNull(window, "window is null");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
  }

  /** Where a photo uploaded at {@code createdAtMillis} stands. */
  public Position position(long createdAtMillis) {
    long cutoffMillis = cutoff.toEpochMilli();
    if (createdAtMillis >= cutoffMillis) {
      return Position.AFTER_CUTOFF;
    }
    return FeedRanking.inWindow(createdAtMillis, cutoffMillis, window)
        ? Position.INSIDE
        : Position.BEFORE_WINDOW;
  }

  /** A photo's place relative to the window. */
  public enum Position {
    BEFORE_WINDOW,
    INSIDE,
    AFTER_CUTOFF
  }
}
