package io.picshare.api.json;

import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.PhotoRecord;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The one JSON shape of a photo, used by API responses and by events (docs/api.md). */
public final class PhotoJson {
  private PhotoJson() {}

  public static JsonObject of(PhotoRecord photo, String ownerUsername) {
    String id = PublicIds.encode(photo.photoId());
    JsonObject location =
        photo.latitude() == null
            ? null
            : new JsonObject().put("lat", photo.latitude()).put("lon", photo.longitude());
    return new JsonObject()
        .put("id", id)
        .put("owner_id", PublicIds.encode(photo.ownerId()))
        .put("owner", ownerUsername)
        .put("title", photo.title())
        .put("content_type", photo.contentType())
        .put("size", photo.sizeBytes())
        .put("width", photo.width())
        .put("height", photo.height())
        .put("orientation", photo.orientation())
        .put("location", location)
        .put("created_at", Instant.ofEpochMilli(photo.createdAtMillis()).toString())
        .put("content_url", "/v1/photos/" + id + "/content");
  }
}
