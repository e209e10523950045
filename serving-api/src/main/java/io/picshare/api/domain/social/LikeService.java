package io.picshare.api.domain.social;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.events.SocialEvent;
import io.picshare.data.LikeStore;
import io.picshare.data.OutboxStore;
import io.picshare.data.PhotoStore;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liking and unliking photos. The like row decides (compare-and-set); only the request that changed
 * it changes the photo's like count, so a like never counts twice and the count never goes below
 * zero. Unknown and deleted photos are {@code 404}.
 */
public final class LikeService {
  private static final Logger LOG = LoggerFactory.getLogger(LikeService.class);

  private final PhotoReadService reads;
  private final PhotoStore photos;
  private final LikeStore likes;
  private final OutboxStore outbox;
  private final IdSource ids;
  private final Clock clock;

  public LikeService(
      PhotoReadService reads,
      PhotoStore photos,
      LikeStore likes,
      OutboxStore outbox,
      IdSource ids,
      Clock clock) {
    this.reads = requireNonNull(reads, "reads is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.likes = requireNonNull(likes, "likes is null");
    this.outbox = requireNonNull(outbox, "outbox is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Future<Void> like(Principal user, String photoId) {
    return reads
        .find(photoId)
        .compose(
            photo ->
                Async.of(likes.like(photo.record().photoId(), user.userId(), ids.next()))
                    .compose(liked -> liked ? afterLike(user, photo) : Future.succeededFuture()));
  }

  private Future<Void> afterLike(Principal user, StoredPhoto photo) {
    return counted(user, photo, 1, SocialEvent::liked);
  }

  public Future<Void> unlike(Principal user, String photoId) {
    return reads
        .find(photoId)
        .compose(
            photo ->
                Async.of(likes.unlike(photo.record().photoId(), user.userId()))
                    .compose(
                        unliked ->
                            unliked
                                ? counted(user, photo, -1, SocialEvent::unliked)
                                : Future.succeededFuture()));
  }

  /** How a like or unlike event is made. */
  private interface LikeEvent {
    OutboxStore.Entry of(
        long eventId, long atMillis, long photoId, long ownerId, long userId, String username);
  }

  /**
   * After the like or unlike itself: the photo's count, then the event (a lost event only delays
   * consumers' view of the count until the nightly reindex).
   */
  private Future<Void> counted(Principal user, StoredPhoto photo, long delta, LikeEvent event) {
    OutboxStore.Entry entry =
        event.of(
            ids.next(),
            clock.millis(),
            photo.record().photoId(),
            photo.record().ownerId(),
            user.userId(),
            user.username());
    return Async.of(photos.addToLikeCount(photo.record(), delta))
        .compose(
            counted ->
                Async.of(outbox.append(entry))
                    .onFailure(
                        error ->
                            LOG.warn("{} event not written: {}", entry.topic(), error.toString()))
                    .otherwiseEmpty());
  }

  /** Which of {@code photoIds} the viewer likes; none without a viewer. */
  public Future<Set<Long>> likedBy(Optional<Principal> viewer, Collection<Long> photoIds) {
    return viewer.isEmpty() || photoIds.isEmpty()
        ? Future.succeededFuture(Set.of())
        : Async.of(likes.likedBy(viewer.get().userId(), photoIds));
  }
}
