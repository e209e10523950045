package io.picshare.api.http;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.domain.social.LikeService;
import io.picshare.api.json.PhotoView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Photo JSON as the API answers it: {@link PhotoView} (like count, display sizes, {@code location}
 * for the owner only), and {@code liked_by_me} when the request carries a token (one batched read
 * of the viewer's likes per response).
 */
final class PhotoViews {
  private final LikeService likes;

  PhotoViews(LikeService likes) {
    this.likes = likes;
  }

  Future<JsonObject> one(Optional<Principal> viewer, StoredPhoto photo) {
    return many(viewer, List.of(photo)).map(items -> items.getJsonObject(0));
  }

  Future<JsonArray> many(Optional<Principal> viewer, List<StoredPhoto> photos) {
    return likes
        .likedBy(viewer, photos.stream().map(photo -> photo.record().photoId()).toList())
        .map(
            liked -> {
              JsonArray items = new JsonArray();
              photos.forEach(photo -> items.add(render(viewer, photo, liked)));
              return items;
            });
  }

  /** A photo just uploaded (or replayed): nobody can have liked a new photo yet but its count. */
  static JsonObject uploaded(StoredPhoto photo) {
    return base(photo, true).put("liked_by_me", false);
  }

  private static JsonObject render(Optional<Principal> viewer, StoredPhoto photo, Set<Long> liked) {
    boolean owner = viewer.map(v -> v.userId() == photo.record().ownerId()).orElse(false);
    JsonObject json = base(photo, owner);
    if (viewer.isPresent()) {
      json.put("liked_by_me", liked.contains(photo.record().photoId()));
    }
    return json;
  }

  private static JsonObject base(StoredPhoto photo, boolean owner) {
    return PhotoView.of(photo, owner);
  }
}
