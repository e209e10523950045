package io.picshare.bench;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * The progress lines of one seeding phase: how far it is, its rate over the last interval and since
 * it started, and when it should end at that average rate. Not thread-safe: one thread prints.
 */
final class PhaseMeter {
  private final String items;
  private final long total;
  private final long startDone;
  private final long startNanos;
  private long lastDone;
  private long lastNanos;

  PhaseMeter(String items, long total, long startDone, long startNanos) {
    this.items = requireNonNull(items, "items is null");
    this.total = total;
    this.startDone = startDone;
    this.startNanos = startNanos;
    this.lastDone = startDone;
    this.lastNanos = startNanos;
  }

  /** e.g. {@code follows 123,456/500,000 (24.7%): 8,210/s now, 7,900/s on average, ETA 48 s}. */
  String line(long done, long nowNanos) {
    double recent = perSecond(done - lastDone, nowNanos - lastNanos);
    double average = perSecond(done - startDone, nowNanos - startNanos);
    lastDone = done;
    lastNanos = nowNanos;
    return String.format(
        Locale.ROOT,
        "  %s %,d/%,d (%.1f%%): %,.0f/s now, %,.0f/s on average, ETA %s",
        items,
        done,
        total,
        total == 0 ? 100.0 : 100.0 * done / total,
        recent,
        average,
        eta(total - done, average));
  }

  /** e.g. {@code follows: 376,544 written in 47.7 s (7,894/s)}. */
  String summary(long done, long nowNanos) {
    long written = done - startDone;
    return String.format(
        Locale.ROOT,
        "%s: %,d written in %.1f s (%,.0f/s)",
        items,
        written,
        (nowNanos - startNanos) / 1e9,
        perSecond(written, nowNanos - startNanos));
  }

  static String eta(long remaining, double perSecond) {
    if (remaining <= 0) {
      return "0 s";
    }
    if (perSecond <= 0) {
      return "unknown";
    }
    long seconds = (long) Math.ceil(remaining / perSecond);
    return seconds < 120
        ? seconds + " s"
        : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
  }

  private static double perSecond(long count, long nanos) {
    return nanos <= 0 ? 0 : count / (nanos / 1e9);
  }
}
