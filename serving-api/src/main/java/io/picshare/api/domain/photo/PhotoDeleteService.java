package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.events.PhotoEvent;
import io.picshare.data.OutboxStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting a photo, exactly once however many deletes race. Each writes its event to the outbox,
 * then tries to mark the photo row with that event's id (compare-and-set); only the winner's event
 * is ever published (the relay publishes a deletion only if the photo carries its mark), and only
 * the winner purges the row and decrements the count; the others find no photo. A marked photo
 * reads as gone; if the process dies before the purge, the repair tool finishes it. Bytes are
 * reclaimed later by batch.
 */
public final class PhotoDeleteService {
  private static final Logger LOG = LoggerFactory.getLogger(PhotoDeleteService.class);

  private final PhotoReadService reads;
  private final PhotoStore photos;
  private final UserStore users;
  private final OutboxStore outbox;
  private final PhotoEvents events;
  private final IdSource ids;

  public PhotoDeleteService(
      PhotoReadService reads,
      PhotoStore photos,
      UserStore users,
      OutboxStore outbox,
      IdSource ids,
      java.time.Clock clock) {
    this.reads = requireNonNull(reads, "reads is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.users = requireNonNull(users, "users is null");
    this.outbox = requireNonNull(outbox, "outbox is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.events = new PhotoEvents(clock);
  }

  /** Deletes the photo if {@code requester} owns it. */
  public Future<Void> delete(Principal requester, String publicId) {
    return reads
        .find(publicId)
        .compose(
            photo -> {
              if (photo.record().ownerId() != requester.userId()) {
                return Future.failedFuture(
                    new PicShareException(
                        ErrorCode.FORBIDDEN, "only the owner may delete a photo"));
              }
              long eventId = ids.next();
              OutboxStore.Entry event = events.entry(eventId, PhotoEvent.Type.DELETED, photo);
              return Async.of(outbox.append(event))
                  .compose(appended -> Async.of(photos.markDeleted(photo.record(), eventId)))
                  .compose(
                      won -> {
                        if (!won) {
                          // Another delete won; this event never becomes visible, so the relay
                          // would drop it anyway.
                          return Async.of(outbox.remove(event))
                              .otherwiseEmpty()
                              .compose(
                                  removed ->
                                      Future.failedFuture(PhotoReadService.noSuchPhoto(publicId)));
                        }
                        return Async.of(photos.purgeDeleted(photo.record(), eventId))
                            .onFailure(
                                error ->
                                    LOG.warn(
                                        "photo {} is deleted but its row not purged yet (repair finishes it): {}",
                                        PublicIds.encode(photo.record().photoId()),
                                        error.toString()))
                            .otherwiseEmpty()
                            .compose(
                                purged ->
                                    Async.of(users.addToPhotoCount(requester.userId(), -1))
                                        .onFailure(
                                            error ->
                                                LOG.warn(
                                                    "photo count of user {} not decremented (repair heals it): {}",
                                                    requester.userId(),
                                                    error.toString()))
                                        .otherwiseEmpty());
                      });
            });
  }
}
