package io.picshare.api.events;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.notify.Notice;
import io.picshare.api.domain.notify.Notice.Kind;
import io.picshare.api.domain.notify.Notice.Person;
import io.picshare.api.domain.notify.Notice.PhotoRef;
import io.picshare.api.domain.notify.NotificationHub;
import io.picshare.api.workers.EventConsumer;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events every API process receives (a broadcast consumer, docs/events.md) into {@link
 * Notice}s for its {@link NotificationHub}. An event it cannot read is logged and dropped: live
 * notifications are best effort, never a reason to stop.
 */
public final class LiveNotices implements EventConsumer.BatchHandler {
  /** The topics that notify someone. */
  public static final List<String> TOPICS =
      List.of(SocialEvent.USER_FOLLOWED, SocialEvent.PHOTO_LIKED, PhotoEvent.Type.UPLOADED.topic());

  private static final Logger LOG = LoggerFactory.getLogger(LiveNotices.class);

  private final NotificationHub hub;

  public LiveNotices(NotificationHub hub) {
    this.hub = requireNonNull(hub, "hub is null");
  }

  @Override
  public void handle(List<EventConsumer.Event> batch) {
    for (EventConsumer.Event event : batch) {
      Optional<Notice> notice = decode(event.topic(), event.payload());
      if (notice.isPresent()) {
        hub.publish(notice.get());
      } else {
        LOG.warn("{} event {} could not be read; no notification sent", event.topic(), event.key());
      }
    }
  }

  /** The notice an event makes, if it is one of {@link #TOPICS} and well formed. */
  static Optional<Notice> decode(String topic, byte[] payload) {
    try {
      JsonObject event = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      String at = event.getString("occurred_at", "");
      return switch (topic) {
        case SocialEvent.USER_FOLLOWED ->
            person(event.getJsonObject("follower"))
                .flatMap(
                    follower ->
                        person(event.getJsonObject("followee"))
                            .map(
                                followee ->
                                    new Notice(
                                        Kind.USER_FOLLOWED,
                                        follower,
                                        followee.id(),
                                        Optional.empty(),
                                        at)));
        case SocialEvent.PHOTO_LIKED -> {
          OptionalLong photo = PublicIds.decode(event.getString("photo_id"));
          OptionalLong owner = PublicIds.decode(event.getString("owner_id"));
          yield photo.isEmpty() || owner.isEmpty()
              ? Optional.empty()
              : person(event.getJsonObject("user"))
                  .map(
                      liker ->
                          new Notice(
                              Kind.PHOTO_LIKED,
                              liker,
                              owner.getAsLong(),
                              Optional.of(new PhotoRef(photo.getAsLong(), Optional.empty())),
                              at));
        }
        default -> uploaded(event.getJsonObject("photo"), at);
      };
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static Optional<Notice> uploaded(JsonObject photo, String at) {
    if (photo == null) {
      return Optional.empty();
    }
    OptionalLong id = PublicIds.decode(photo.getString("id"));
    OptionalLong owner = PublicIds.decode(photo.getString("owner_id"));
    String username = photo.getString("owner");
    if (id.isEmpty() || owner.isEmpty() || username == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Notice(
            Kind.PHOTO_UPLOADED,
            new Person(owner.getAsLong(), username),
            owner.getAsLong(),
            Optional.of(
                new PhotoRef(id.getAsLong(), Optional.ofNullable(photo.getString("title")))),
            at));
  }

  private static Optional<Person> person(JsonObject user) {
    if (user == null) {
      return Optional.empty();
    }
    OptionalLong id = PublicIds.decode(user.getString("id"));
    String username = user.getString("username");
    return id.isPresent() && username != null
        ? Optional.of(new Person(id.getAsLong(), username))
        : Optional.empty();
  }
}
