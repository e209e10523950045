package io.picshare.data;

import java.util.concurrent.CompletableFuture;

/**
 * Idempotency keys, one entry per (user, key). An attempt claims a key with its own random token
 * and the id of the photo it will create; completing or releasing is a compare-and-set on that
 * token, so an attempt that lost the key (taken over after it stalled) can do neither.
 */
public interface IdempotencyStore {
  /** One attempt's hold on a key. */
  record Claim(long userId, String key, byte[] token, long plannedPhotoId) {
    public Claim {
      token = token.clone();
    }

    @Override
    public byte[] token() {
      return token.clone();
    }
  }

  /** What a claim found. */
  sealed interface Outcome {
    /** The key was free (or abandoned and taken over): this attempt holds it. */
    record Acquired(Claim claim) implements Outcome {}

    /** An earlier attempt with the same payload completed with this photo. */
    record Completed(long photoId) implements Outcome {}

    /** Another attempt with the same payload holds the key, since {@code claimedAtMillis}. */
    record Pending(long plannedPhotoId, long claimedAtMillis) implements Outcome {}

    /** The key was used for a different payload. */
    record Reused() implements Outcome {}
  }

  /**
   * Claims the key if it is free or was released; otherwise reports who has it. A claim by this
   * same token (a retried write whose first try landed) is acquired.
   */
  CompletableFuture<Outcome> claim(Claim claim, byte[] fingerprint);

  /**
   * Takes over a pending claim last written at {@code claimedAtMillis}; {@code false} if it changed
   * since (its holder completed or another attempt took it).
   */
  CompletableFuture<Boolean> takeOver(Claim claim, byte[] fingerprint, long claimedAtMillis);

  /** Records the photo the claim created; {@code false} if the claim no longer holds the key. */
  CompletableFuture<Boolean> complete(Claim claim, long photoId);

  /** Gives the key up after a failed attempt; {@code false} if the claim no longer holds it. */
  CompletableFuture<Boolean> release(Claim claim);
}
