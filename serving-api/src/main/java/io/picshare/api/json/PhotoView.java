package io.picshare.api.json;

import io.picshare.api.domain.photo.StoredPhoto;
import io.vertx.core.json.JsonObject;

/**
 * What a viewer may see of a photo, as REST and GraphQL answer it: the stored photo ({@link
 * PhotoJson}) plus {@code like_count} and the display {@code sizes} built so far; {@code location}
 * (the uploader's GPS position) only for its owner. {@code liked_by_me} is the caller's to add.
 */
public final class PhotoView {
  private PhotoView() {}

  public static JsonObject of(StoredPhoto photo, boolean owner) {
    JsonObject json = PhotoJson.of(photo.record(), photo.ownerUsername());
    if (!owner) {
      json.remove("location");
    }
    JsonObject sizes = new JsonObject();
    String contentUrl = json.getString("content_url");
    photo
        .renditions()
        .ifPresent(
            set ->
                set.entries()
                    .forEach(
                        entry ->
                            sizes.put(
                                entry.size().apiName(),
                                new JsonObject()
                                    .put("width", entry.width())
                                    .put("height", entry.height())
                                    .put("url", contentUrl + "?size=" + entry.size().apiName()))));
    String state =
        photo.renditions().isPresent()
            ? "ready"
            : photo.renditionFailure().isPresent() ? "failed" : "pending";
    return json.put("like_count", photo.likeCount()).put("sizes", sizes).put("sizes_state", state);
  }
}
