package io.picshare.api.domain.notify;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Something that happened that someone may want to hear about at once: {@code actor} followed
 * {@code subjectId}, liked a photo of {@code subjectId}, or (being {@code subjectId}) uploaded one.
 *
 * @param type the event type ({@code user-followed}, {@code photo-liked}, {@code photo-uploaded})
 * @param subjectId the followee, the liked photo's owner, or the uploader
 * @param photo the photo liked or uploaded, if any
 * @param occurredAt when, as ISO-8601 UTC
 */
public record Notice(
    Kind type, Person actor, long subjectId, Optional<PhotoRef> photo, String occurredAt) {
  /** What happened. */
  public enum Kind {
    USER_FOLLOWED("user-followed"),
    PHOTO_LIKED("photo-liked"),
    PHOTO_UPLOADED("photo-uploaded");

    private final String type;

    Kind(String type) {
      this.type = type;
    }

    /** The event type, as clients see it. */
    public String type() {
      return type;
    }
  }

  /** A user, as a notification names them. */
  public record Person(long id, String username) {
    public Person {
      requireNonNull(username, "username is null");
    }
  }

  /** A photo, as a notification names it (its title only for uploads). */
  public record PhotoRef(long id, Optional<String> title) {
    public PhotoRef {
      requireNonNull(title, "title is null");
    }
  }

  public Notice {
    requireNonNull(type, "type is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(photo, "photo is null");
    requireNonNull(occurredAt, "occurredAt is null");
  }
}
