package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.IdempotencyStore;
import io.picshare.data.IdempotencyStore.Claim;
import io.picshare.data.IdempotencyStore.Outcome;
import io.picshare.data.PhotoStore;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Idempotency-Key} rules of uploads. An attempt claims the key with the id of the photo
 * it will create; a later attempt with the same payload replays that photo once it is committed,
 * waits ({@code 409}) while it may still be, and takes the key over only after {@link
 * #TAKEOVER_AFTER}, longer than any attempt may take to commit. Completing and releasing are fenced
 * by the claim, and a key is never released once its photo is committed.
 */
final class UploadIdempotency {
  /** A pending claim older than this is abandoned (its attempt crashed) and may be taken over. */
  static final Duration TAKEOVER_AFTER = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(UploadIdempotency.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Either this attempt holds the key (and must create the planned photo) or the photo exists. */
  sealed interface Decision {
    record Create(Claim claim) implements Decision {}

    record Replay(long photoId) implements Decision {}
  }

  private final IdempotencyStore store;
  private final PhotoStore photos;
  private final Clock clock;

  UploadIdempotency(IdempotencyStore store, PhotoStore photos, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  Future<Decision> claim(long userId, String key, long plannedPhotoId, byte[] fingerprint) {
    byte[] token = new byte[16];
    RANDOM.nextBytes(token);
    Claim claim = new Claim(userId, key, token, plannedPhotoId);
    return Async.of(store.claim(claim, fingerprint))
        .compose(outcome -> decide(claim, fingerprint, outcome));
  }

  private Future<Decision> decide(Claim claim, byte[] fingerprint, Outcome outcome) {
    if (outcome instanceof Outcome.Acquired) {
      return Future.succeededFuture(new Decision.Create(claim));
    }
    if (outcome instanceof Outcome.Completed completed) {
      return Future.succeededFuture(new Decision.Replay(completed.photoId()));
    }
    if (outcome instanceof Outcome.Reused) {
      return Future.failedFuture(
          new PicShareException(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              "this Idempotency-Key was already used for a different upload"));
    }
    Outcome.Pending pending = (Outcome.Pending) outcome;
    Future<OptionalLong> committed =
        pending.plannedPhotoId() < 0
            ? Future.succeededFuture(OptionalLong.empty())
            : Async.of(photos.find(claim.userId(), pending.plannedPhotoId()))
                .map(
                    found ->
                        found.isPresent()
                            ? OptionalLong.of(pending.plannedPhotoId())
                            : OptionalLong.empty());
    return committed.compose(
        photo -> {
          if (photo.isPresent()) {
            // Committed by an attempt whose completion was lost: replay it, never create another.
            return Future.succeededFuture(new Decision.Replay(photo.getAsLong()));
          }
          if (clock.millis() - pending.claimedAtMillis() < TAKEOVER_AFTER.toMillis()) {
            return Future.failedFuture(inProgress());
          }
          return Async.of(store.takeOver(claim, fingerprint, pending.claimedAtMillis()))
              .compose(
                  taken ->
                      taken
                          ? Future.succeededFuture(new Decision.Create(claim))
                          : Future.failedFuture(inProgress()));
        });
  }

  /**
   * Records the photo the claim created. Its failure is logged only: the photo is committed,
   * retries replay it.
   */
  Future<Void> complete(Claim claim, long photoId) {
    return Async.of(store.complete(claim, photoId))
        .<Void>map(
            completed -> {
              if (!completed) {
                LOG.warn(
                    "idempotency claim for photo {} was taken over before completion", photoId);
              }
              return null;
            })
        .recover(
            error -> {
              LOG.warn(
                  "completing an idempotency key failed (retries still replay photo {}): {}",
                  photoId,
                  error.toString());
              return Future.succeededFuture();
            });
  }

  /** Gives the key up after an attempt that committed nothing. */
  Future<Void> release(Claim claim) {
    return Async.of(store.release(claim)).<Void>mapEmpty().otherwiseEmpty();
  }

  private static PicShareException inProgress() {
    return new PicShareException(
        ErrorCode.REQUEST_IN_PROGRESS,
        "an upload with this Idempotency-Key is still in progress; retry shortly");
  }
}
