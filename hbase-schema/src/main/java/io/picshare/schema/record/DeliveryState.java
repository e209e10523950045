package io.picshare.schema.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The state cell of a webhook delivery ({@code d:s}), the one cell every transition
 * compare-and-sets, so a claim, a result and a takeover of an expired claim are each won by one
 * worker. 38 bytes:
 *
 * <pre>
 * byte 0       format version, 0x01
 * byte 1       status: 0 pending, 1 succeeded, 2 failed
 * bytes 2–5    attempts started so far, int
 * bytes 6–13   pending: when the next attempt is due; done: when it ended (epoch ms), long
 * bytes 14–29  holder of the current claim, 16 random bytes; all zero when unclaimed
 * bytes 30–37  when that claim lapses, epoch ms by the holder's clock; 0 when unclaimed
 * </pre>
 *
 * @param nextAttemptAtMillis for a pending delivery when it is due, for a finished one when it
 *     ended
 */
public record DeliveryState(
    Status status,
    int attempts,
    long nextAttemptAtMillis,
    byte[] holder,
    long leaseExpiresAtMillis) {
  public static final int LENGTH = 38;
  public static final int HOLDER_LENGTH = 16;
  private static final byte VERSION = 0x01;
  private static final byte[] NO_HOLDER = new byte[HOLDER_LENGTH];

  /** Where a delivery stands. */
  public enum Status {
    PENDING,
    SUCCEEDED,
    FAILED
  }

  public DeliveryState {
    if (status == null) {
      throw new IllegalArgumentException("status is null");
    }
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts is negative: " + attempts);
    }
    if (holder == null || holder.length != HOLDER_LENGTH) {
      throw new IllegalArgumentException("holder must be " + HOLDER_LENGTH + " bytes");
    }
    holder = holder.clone();
  }

  /** A new delivery: pending, no attempt yet, due at {@code dueAtMillis}. */
  public static DeliveryState pending(long dueAtMillis) {
    return new DeliveryState(Status.PENDING, 0, dueAtMillis, NO_HOLDER, 0);
  }

  /** This pending delivery claimed by {@code holder} for its next attempt until {@code until}. */
  public DeliveryState claimed(byte[] claimHolder, long until) {
    if (status != Status.PENDING) {
      throw new IllegalStateException("only a pending delivery can be claimed: " + status);
    }
    return new DeliveryState(status, attempts + 1, nextAttemptAtMillis, claimHolder, until);
  }

  /** After a failed attempt: unclaimed, due again at {@code dueAtMillis}. */
  public DeliveryState retryAt(long dueAtMillis) {
    return new DeliveryState(Status.PENDING, attempts, dueAtMillis, NO_HOLDER, 0);
  }

  /** Finished ({@code SUCCEEDED} or {@code FAILED}) at {@code atMillis}, unclaimed. */
  public DeliveryState finished(Status outcome, long atMillis) {
    if (outcome == Status.PENDING) {
      throw new IllegalArgumentException("a finished delivery is not pending");
    }
    return new DeliveryState(outcome, attempts, atMillis, NO_HOLDER, 0);
  }

  /** Whether a worker holds a claim that has not lapsed at {@code nowMillis}. */
  public boolean claimedAt(long nowMillis) {
    return !Arrays.equals(holder, NO_HOLDER) && leaseExpiresAtMillis > nowMillis;
  }

  @Override
  public byte[] holder() {
    return holder.clone();
  }

  public byte[] encode() {
    return ByteBuffer.allocate(LENGTH)
        .put(VERSION)
        .put((byte) status.ordinal())
        .putInt(attempts)
        .putLong(nextAttemptAtMillis)
        .put(holder)
        .putLong(leaseExpiresAtMillis)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code cell} is not a valid encoding
   */
  public static DeliveryState decode(byte[] cell) {
    if (cell == null || cell.length != LENGTH) {
      throw new IllegalArgumentException("delivery state must be " + LENGTH + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(cell);
    byte version = buffer.get();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown delivery state version " + version);
    }
    int status = buffer.get();
    if (status < 0 || status >= Status.values().length) {
      throw new IllegalArgumentException("unknown delivery status " + status);
    }
    int attempts = buffer.getInt();
    long next = buffer.getLong();
    byte[] holder = new byte[HOLDER_LENGTH];
    buffer.get(holder);
    return new DeliveryState(Status.values()[status], attempts, next, holder, buffer.getLong());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeliveryState that && Arrays.equals(encode(), that.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "DeliveryState["
        + status
        + ", attempts="
        + attempts
        + ", next="
        + nextAttemptAtMillis
        + (Arrays.equals(holder, NO_HOLDER) ? "" : ", claimed until " + leaseExpiresAtMillis)
        + "]";
  }
}
