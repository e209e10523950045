package io.picshare.api.events;

import static java.util.Objects.requireNonNull;

import io.picshare.schema.record.PhotoRecord;

/**
 * Something that happened to a photo, published to the Kafka topic named by its type
 * (docs/events.md has the JSON schema). Consumers deduplicate by {@code eventId}: delivery is at
 * least once.
 */
public record PhotoEvent(
    long eventId, Type type, long occurredAtMillis, String ownerUsername, PhotoRecord photo) {
  /** The event types; each is also the name of its Kafka topic. */
  public enum Type {
    UPLOADED("photo-uploaded"),
    DELETED("photo-deleted");

    private final String topic;

    Type(String topic) {
      this.topic = topic;
    }

    public String topic() {
      return topic;
    }

    public static Type ofTopic(String topic) {
      for (Type type : values()) {
        if (type.topic.equals(topic)) {
          return type;
        }
      }
      throw new IllegalArgumentException("no event type for topic " + topic);
    }
  }

  public PhotoEvent {
    requireNonNull(type, "type is null");
    requireNonNull(ownerUsername, "ownerUsername is null");
    requireNonNull(photo, "photo is null");
  }
}
