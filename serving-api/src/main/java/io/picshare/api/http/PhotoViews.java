package io.picshare.api.http;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.photo.StoredPhoto;
import io.picshare.api.domain.social.LikeService;
import io.picshare.api.json.PhotoJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Photo JSON as the API answers it: the stored photo plus {@code like_count}, and {@code
 * liked_by_me} when the request carries a token (one batched read of the viewer's likes per
 * response).
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
    return PhotoJson.of(photo.record(), photo.ownerUsername())
        .put("like_count", photo.likeCount())
        .put("liked_by_me", false);
  }

  private static JsonObject render(Optional<Principal> viewer, StoredPhoto photo, Set<Long> liked) {
    JsonObject json =
        PhotoJson.of(photo.record(), photo.ownerUsername()).put("like_count", photo.likeCount());
    if (viewer.isPresent()) {
      json.put("liked_by_me", liked.contains(photo.record().photoId()));
    }
    return json;
  }
}
