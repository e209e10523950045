package io.picshare.schema.id;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;

/**
 * Generates 64-bit ids that are strictly increasing per generator and roughly time-ordered across
 * workers, without coordination: {@code 0 | 41 bits ms since 2026-01-01T00:00:00Z | 10 bits worker
 * | 12 bits sequence}. Thread-safe; a clock that steps backwards never yields a smaller id.
 */
public final class IdGenerator {
  /** 2026-01-01T00:00:00Z in Unix epoch milliseconds: timestamp 0 of every PicShare id. */
  public static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  public static final int TIMESTAMP_BITS = 41;
  public static final int WORKER_BITS = 10;
  public static final int SEQUENCE_BITS = 12;
  public static final int MAX_WORKER_ID = (1 << WORKER_BITS) - 1;

  private static final int WORKER_SHIFT = SEQUENCE_BITS;
  private static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + WORKER_BITS;
  private static final long MAX_TIMESTAMP = (1L << TIMESTAMP_BITS) - 1;
  private static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;

  private final int workerId;
  private final Clock clock;

  // Guarded by this.
  private long lastTimestamp = -1;
  private int sequence;

  public IdGenerator(int workerId, Clock clock) {
    if (workerId < 0 || workerId > MAX_WORKER_ID) {
      throw new IllegalArgumentException(
          "workerId must be in 0.." + MAX_WORKER_ID + ", was " + workerId);
    }
    this.workerId = workerId;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Returns the next id, greater than every id this generator returned before. If 4096 ids were
   * already issued in the current millisecond, waits for the clock to reach the next one.
   *
   * @throws IllegalStateException if the clock is before the PicShare epoch or past 2095
   */
  public synchronized long next() {
    long timestamp = Math.max(currentTimestamp(), lastTimestamp);
    if (timestamp == lastTimestamp) {
      sequence = (sequence + 1) & MAX_SEQUENCE;
      if (sequence == 0) {
        timestamp = awaitTimestampAfter(lastTimestamp);
      }
    } else {
      sequence = 0;
    }
    lastTimestamp = timestamp;
    return (timestamp << TIMESTAMP_SHIFT) | ((long) workerId << WORKER_SHIFT) | sequence;
  }

  public int workerId() {
    return workerId;
  }

  /** The Unix epoch milliseconds at which {@code id} was generated. */
  public static long timestampMillis(long id) {
    return (id >>> TIMESTAMP_SHIFT) + EPOCH_MILLIS;
  }

  /** The worker that generated {@code id}. */
  public static int workerId(long id) {
    return (int) ((id >>> WORKER_SHIFT) & MAX_WORKER_ID);
  }

  /** The per-millisecond sequence number of {@code id}. */
  public static int sequence(long id) {
    return (int) (id & MAX_SEQUENCE);
  }

  /**
   * The smallest id any generator can issue at or after {@code epochMillis}: a lower bound for
   * "created since" scans over id-ordered keys.
   */
  public static long lowestIdAt(long epochMillis) {
    return checkedTimestamp(epochMillis - EPOCH_MILLIS) << TIMESTAMP_SHIFT;
  }

  private long currentTimestamp() {
    return checkedTimestamp(clock.millis() - EPOCH_MILLIS);
  }

  private long awaitTimestampAfter(long timestamp) {
    long now = currentTimestamp();
    while (now <= timestamp) {
      Thread.onSpinWait();
      now = currentTimestamp();
    }
    return now;
  }

  private static long checkedTimestamp(long millisSinceEpoch) {
    if (millisSinceEpoch < 0 || millisSinceEpoch > MAX_TIMESTAMP) {
      throw new IllegalStateException(
          "time is outside the id range [2026-01-01T00:00:00Z, +2^41 ms): "
              + Instant.ofEpochMilli(millisSinceEpoch + EPOCH_MILLIS));
    }
    return millisSinceEpoch;
  }
}
