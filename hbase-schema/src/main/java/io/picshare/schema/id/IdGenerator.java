package io.picshare.schema.id;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Generates 64-bit ids that are strictly increasing per generator and roughly time-ordered across
 * workers: {@code 0 | 41 bits ms since 2026-01-01T00:00:00Z | 10 bits worker | 12 bits sequence}.
 * The worker id comes from an {@link IdGrant} (a lease, so no two live instances share one); ids
 * are issued only within the grant, so a new holder of the worker id never reissues an id, even
 * with a clock behind. Lock-free and never waits: a clock that steps back, or 4096 ids in one
 * millisecond, borrow the next milliseconds of the grant; past it, {@link #next()} throws.
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

  /** The last id issued under a grant (timestamp and sequence); starts before the grant's range. */
  private record State(IdGrant grant, long timestamp, int sequence) {}

  private final Supplier<IdGrant> grants;
  private final Clock clock;
  private final AtomicReference<State> state = new AtomicReference<>();

  /** A generator issuing under whatever grant {@code grants} holds now (e.g. a renewed lease). */
  public IdGenerator(Supplier<IdGrant> grants, Clock clock) {
    this.grants = requireNonNull(grants, "grants is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A generator for one fixed worker id, for tests and single-process tools. */
  public IdGenerator(int workerId, Clock clock) {
    this(fixed(IdGrant.unlimited(workerId)), clock);
  }

  private static Supplier<IdGrant> fixed(IdGrant grant) {
    return () -> grant;
  }

  /**
   * Returns the next id, greater than every id this generator (or an earlier holder of its grant's
   * worker id) returned before.
   *
   * @throws IdsUnavailableException if the grant lapsed or its time range is used up
   * @throws IllegalStateException if the clock is before the PicShare epoch or past 2095
   */
  public long next() {
    IdGrant grant = grants.get();
    if (!grant.validAt(System.nanoTime())) {
      throw new IdsUnavailableException(
          "the worker-id lease of this instance has lapsed; no ids until it is renewed");
    }
    long now = currentTimestamp();
    while (true) {
      State last = state.get();
      State next = following(last != null && last.grant().equals(grant) ? last : start(grant), now);
      if (state.compareAndSet(last, next)) {
        return (next.timestamp() << TIMESTAMP_SHIFT)
            | ((long) grant.workerId() << WORKER_SHIFT)
            | next.sequence();
      }
    }
  }

  private static State start(IdGrant grant) {
    long after =
        grant.issuedAfterMillis() == Long.MIN_VALUE
            ? -1
            : Math.max(-1, grant.issuedAfterMillis() - EPOCH_MILLIS);
    return new State(grant, after, MAX_SEQUENCE);
  }

  private static State following(State last, long now) {
    long timestamp = Math.max(now, last.timestamp());
    int sequence = 0;
    if (timestamp == last.timestamp()) {
      if (last.sequence() < MAX_SEQUENCE) {
        sequence = last.sequence() + 1;
      } else {
        timestamp++;
      }
    }
    IdGrant grant = last.grant();
    if (grant.issuableUntilMillis() != Long.MAX_VALUE
        && timestamp + EPOCH_MILLIS > grant.issuableUntilMillis()) {
      throw new IdsUnavailableException(
          "the reserved id range of worker "
              + grant.workerId()
              + " is used up (clock behind, or over 4096 ids/ms); no ids until the lease is renewed");
    }
    return new State(grant, checkedTimestamp(timestamp), sequence);
  }

  /** The worker id of the current grant. */
  public int workerId() {
    return grants.get().workerId();
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

  private static long checkedTimestamp(long millisSinceEpoch) {
    if (millisSinceEpoch < 0 || millisSinceEpoch > MAX_TIMESTAMP) {
      throw new IllegalStateException(
          "time is outside the id range [2026-01-01T00:00:00Z, +2^41 ms): "
              + Instant.ofEpochMilli(millisSinceEpoch + EPOCH_MILLIS));
    }
    return millisSinceEpoch;
  }
}
