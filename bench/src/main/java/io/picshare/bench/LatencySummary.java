package io.picshare.bench;

import org.HdrHistogram.AbstractHistogram;

/** The latency percentiles a report shows, in microseconds; all zero when nothing succeeded. */
public record LatencySummary(long p50, long p90, long p99, long p999, long max) {
  public static final LatencySummary NONE = new LatencySummary(0, 0, 0, 0, 0);

  public LatencySummary {
    if (p50 < 0 || p50 > p90 || p90 > p99 || p99 > p999 || p999 > max) {
      throw new IllegalArgumentException(
          "percentiles must be ordered: " + p50 + " " + p90 + " " + p99 + " " + p999 + " " + max);
    }
  }

  public static LatencySummary of(AbstractHistogram microseconds) {
    if (microseconds.getTotalCount() == 0) {
      return NONE;
    }
    return new LatencySummary(
        microseconds.getValueAtPercentile(50),
        microseconds.getValueAtPercentile(90),
        microseconds.getValueAtPercentile(99),
        microseconds.getValueAtPercentile(99.9),
        microseconds.getMaxValue());
  }
}
