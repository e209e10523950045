package io.picshare.api.events;

import io.picshare.api.json.PhotoJson;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The JSON payload of a photo event: {@code {"event_id", "type", "occurred_at", "photo": Photo}}
 * with Photo as in the API, plus the content's {@code sha256}.
 */
public final class PhotoEventCodec {
  private PhotoEventCodec() {}

  public static byte[] encode(PhotoEvent event) {
    JsonObject photo =
        PhotoJson.of(event.photo(), event.ownerUsername()).put("sha256", event.photo().sha256());
    return new JsonObject()
        .put("event_id", PublicIds.encode(event.eventId()))
        .put("type", event.type().topic())
        .put("occurred_at", Instant.ofEpochMilli(event.occurredAtMillis()).toString())
        .put("photo", photo)
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }
}
