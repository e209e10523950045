package io.picshare.schema.id;

/**
 * The right to issue ids as one worker: worker id {@code workerId}, for id timestamps after {@code
 * issuedAfterMillis} and up to {@code issuableUntilMillis} (epoch milliseconds), as long as {@code
 * System.nanoTime()} is before {@code validUntilNanos}. Comes from a lease; a grant that is no
 * longer valid issues nothing.
 */
public record IdGrant(
    int workerId, long issuedAfterMillis, long issuableUntilMillis, long validUntilNanos) {
  public IdGrant {
    if (workerId < 0 || workerId > IdGenerator.MAX_WORKER_ID) {
      throw new IllegalArgumentException(
          "workerId must be in 0.." + IdGenerator.MAX_WORKER_ID + ", was " + workerId);
    }
  }

  /** A grant for tests and single-process tools: {@code workerId}, forever. */
  public static IdGrant unlimited(int workerId) {
    return new IdGrant(workerId, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
  }

  boolean validAt(long nanoTime) {
    return validUntilNanos == Long.MAX_VALUE || nanoTime - validUntilNanos < 0;
  }
}
