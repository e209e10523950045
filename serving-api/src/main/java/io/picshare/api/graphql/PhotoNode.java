package io.picshare.api.graphql;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.json.PhotoView;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A {@code Photo} being resolved: the stored photo and what this caller may see of it, the very
 * JSON that {@code GET /v1/photos/{id}} answers (so {@code location} only for the owner).
 */
record PhotoNode(StoredPhoto photo, JsonObject view) {
  PhotoNode {
    requireNonNull(photo, "photo is null");
    requireNonNull(view, "view is null");
  }

  static PhotoNode of(StoredPhoto photo, Optional<Principal> viewer) {
    boolean owner = viewer.map(v -> v.userId() == photo.record().ownerId()).orElse(false);
    return new PhotoNode(photo, PhotoView.of(photo, owner));
  }

  long photoId() {
    return photo.record().photoId();
  }
}
