package io.picshare.api.events;

import io.picshare.data.OutboxStore;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The events of the social graph (docs/events.md): {@code user-followed}, keyed by the followee,
 * and {@code photo-liked} and {@code photo-unliked}, keyed by the photo. Appended to the outbox
 * after the change they announce, so the relay publishes them as they are.
 */
public final class SocialEvent {
  public static final String USER_FOLLOWED = "user-followed";
  public static final String PHOTO_LIKED = "photo-liked";
  public static final String PHOTO_UNLIKED = "photo-unliked";

  private SocialEvent() {}

  /** Whether {@code topic} is one of these events'. */
  public static boolean isSocial(String topic) {
    return USER_FOLLOWED.equals(topic) || PHOTO_LIKED.equals(topic) || PHOTO_UNLIKED.equals(topic);
  }

  /** {@code follower} now follows {@code followee}. */
  public static OutboxStore.Entry followed(
      long eventId,
      long atMillis,
      long followerId,
      String follower,
      long followeeId,
      String followee) {
    JsonObject payload =
        header(eventId, USER_FOLLOWED, atMillis)
            .put("follower", user(followerId, follower))
            .put("followee", user(followeeId, followee));
    return entry(followeeId, eventId, USER_FOLLOWED, payload, atMillis);
  }

  /** {@code liker} likes the photo {@code photoId} of {@code ownerId}. */
  public static OutboxStore.Entry liked(
      long eventId, long atMillis, long photoId, long ownerId, long likerId, String liker) {
    return like(PHOTO_LIKED, eventId, atMillis, photoId, ownerId, likerId, liker);
  }

  /** {@code liker} no longer likes the photo {@code photoId} of {@code ownerId}. */
  public static OutboxStore.Entry unliked(
      long eventId, long atMillis, long photoId, long ownerId, long likerId, String liker) {
    return like(PHOTO_UNLIKED, eventId, atMillis, photoId, ownerId, likerId, liker);
  }

  private static OutboxStore.Entry like(
      String type,
      long eventId,
      long atMillis,
      long photoId,
      long ownerId,
      long likerId,
      String liker) {
    JsonObject payload =
        header(eventId, type, atMillis)
            .put("photo_id", PublicIds.encode(photoId))
            .put("owner_id", PublicIds.encode(ownerId))
            .put("user", user(likerId, liker));
    return entry(photoId, eventId, type, payload, atMillis);
  }

  private static JsonObject header(long eventId, String type, long atMillis) {
    return new JsonObject()
        .put("event_id", PublicIds.encode(eventId))
        .put("type", type)
        .put("occurred_at", Instant.ofEpochMilli(atMillis).toString());
  }

  private static JsonObject user(long id, String username) {
    return new JsonObject().put("id", PublicIds.encode(id)).put("username", username);
  }

  private static OutboxStore.Entry entry(
      long aggregateId, long eventId, String topic, JsonObject payload, long atMillis) {
    return new OutboxStore.Entry(
        aggregateId,
        eventId,
        topic,
        PublicIds.encode(aggregateId),
        payload.encode().getBytes(StandardCharsets.UTF_8),
        atMillis);
  }
}
