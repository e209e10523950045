package io.picshare.batch.feed;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;

/**
 * What one feed build does: consider the photos of {@code window} (cutoff and window length), keep
 * each user's best {@code top}, with {@code reducers} reduce tasks per stage. Handed to the tasks
 * through the job configuration ({@link #writeTo}, {@link #from}).
 */
public record FeedBuildSettings(FeedWindow window, int top, int reducers) {
  /** Most candidates a feed row may hold (the read path ranks at most 1 000). */
  public static final int MAX_TOP = 10_000;

  static final String CUTOFF = "picshare.feed-build.cutoff-millis";
  static final String WINDOW = "picshare.feed-build.window-millis";
  static final String TOP = "picshare.feed-build.top";

  public FeedBuildSettings {
    requireNonNull(window, "window is null");
    if (top < 1 || top > MAX_TOP) {
      throw new IllegalArgumentException("top must be in 1.." + MAX_TOP + ": " + top);
    }
    if (reducers < 1) {
      throw new IllegalArgumentException("reducers must be positive: " + reducers);
    }
  }

  public long cutoffMillis() {
    return window.cutoff().toEpochMilli();
  }

  void writeTo(Configuration conf) {
    conf.setLong(CUTOFF, cutoffMillis());
    conf.setLong(WINDOW, window.window().toMillis());
    conf.setInt(TOP, top);
  }

  /** The settings a task runs with, as {@link #writeTo} left them in its job's configuration. */
  static FeedBuildSettings from(Configuration conf) {
    long cutoff = conf.getLong(CUTOFF, -1);
    if (cutoff < 0) {
      throw new IllegalStateException(CUTOFF + " is not set: not a job FeedBuildJob created");
    }
    return new FeedBuildSettings(
        new FeedWindow(Instant.ofEpochMilli(cutoff), Duration.ofMillis(conf.getLong(WINDOW, 0))),
        conf.getInt(TOP, 0),
        Math.max(1, conf.getInt("mapreduce.job.reduces", 1)));
  }
}
