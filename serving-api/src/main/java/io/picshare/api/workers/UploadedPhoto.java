package io.picshare.api.workers;

import io.picshare.schema.id.PublicIds;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** The ids a {@code photo-uploaded} event names (docs/events.md). */
record UploadedPhoto(long photoId, long ownerId) {
  /**
   * @throws IllegalArgumentException if the payload does not name a photo and its owner
   */
  static UploadedPhoto parse(String key, byte[] payload) {
    JsonObject photo =
        new JsonObject(new String(payload, StandardCharsets.UTF_8)).getJsonObject("photo");
    OptionalLong photoId =
        photo == null ? OptionalLong.empty() : PublicIds.decode(photo.getString("id", ""));
    OptionalLong ownerId =
        photo == null ? OptionalLong.empty() : PublicIds.decode(photo.getString("owner_id", ""));
    if (photoId.isEmpty() || ownerId.isEmpty()) {
      throw new IllegalArgumentException("photo-uploaded event without valid ids: " + key);
    }
    return new UploadedPhoto(photoId.getAsLong(), ownerId.getAsLong());
  }
}
