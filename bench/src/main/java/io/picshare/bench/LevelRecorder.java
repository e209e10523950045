package io.picshare.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Accumulates the outcomes that fall inside one measurement window, from any thread: by completion
 * time in a closed loop, by intended start in an open loop. Outcomes before or after the window
 * (warm-up, drain) are ignored.
 */
final class LevelRecorder {
  /** One hour: anything slower is recorded as one hour. */
  private static final long HIGHEST_MICROS = 3_600_000_000L;

  private final long windowStartNanos;
  private final long windowEndNanos;
  private final Histogram latencyMicros = new Histogram(1, HIGHEST_MICROS, 3);
  private final LongAdder successes = new LongAdder();
  private final LongAdder successBytes = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  LevelRecorder(long windowStartNanos, long windowEndNanos) {
    if (windowEndNanos <= windowStartNanos) {
      throw new IllegalArgumentException("the window must end after it starts");
    }
    this.windowStartNanos = windowStartNanos;
    this.windowEndNanos = windowEndNanos;
  }

  /**
   * Records the outcome if {@code atNanos} lies in the window (a closed loop passes the completion
   * time, an open loop the intended start); returns whether it did.
   */
  boolean record(Outcome outcome, long atNanos) {
    if (atNanos - windowStartNanos < 0 || atNanos - windowEndNanos >= 0) {
      return false;
    }
    if (outcome.succeeded()) {
      successes.increment();
      successBytes.add(outcome.bodyBytes());
      synchronized (latencyMicros) {
        latencyMicros.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, outcome.latencyMicros())));
      }
    } else {
      errors.computeIfAbsent(outcome.errorKey().orElseThrow(), key -> new LongAdder()).increment();
    }
    return true;
  }

  LevelResult result(int concurrency) {
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((key, count) -> errorCounts.put(key, count.sum()));
    LatencySummary latency;
    synchronized (latencyMicros) {
      latency = LatencySummary.of(latencyMicros);
    }
    return new LevelResult(
        concurrency,
        Duration.ofNanos(windowEndNanos - windowStartNanos),
        successes.sum(),
        errorCounts,
        successBytes.sum(),
        latency);
  }
}
