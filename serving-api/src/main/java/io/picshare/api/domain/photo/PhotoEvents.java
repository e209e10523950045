package io.picshare.api.domain.photo;

import static java.util.Objects.requireNonNull;

import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.PhotoEventCodec;
import io.picshare.data.OutboxStore;
import io.picshare.schema.id.PublicIds;
import java.time.Clock;

/**
 * Builds the outbox entry announcing a change to a photo: keyed by the photo, so its events stay in
 * order.
 */
final class PhotoEvents {
  private final Clock clock;

  PhotoEvents(Clock clock) {
    this.clock = requireNonNull(clock, "clock is null");
  }

  OutboxStore.Entry entry(long eventId, PhotoEvent.Type type, StoredPhoto photo) {
    long now = clock.millis();
    byte[] payload =
        PhotoEventCodec.encode(
            new PhotoEvent(eventId, type, now, photo.ownerUsername(), photo.record()));
    return new OutboxStore.Entry(
        photo.record().photoId(),
        eventId,
        type.topic(),
        PublicIds.encode(photo.record().photoId()),
        payload,
        now);
  }
}
