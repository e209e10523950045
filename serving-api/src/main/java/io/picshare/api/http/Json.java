package io.picshare.api.http;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.UserAccount;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.UserRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;

/** JSON bodies in and out of the HTTP edge. */
final class Json {
  static final String CONTENT_TYPE = "application/json";

  private Json() {}

  /** The request body as a JSON object; {@code VALIDATION_FAILED} if it is anything else. */
  static JsonObject body(RoutingContext ctx) {
    try {
      Object value = ctx.body().asJsonObject();
      if (value == null) {
        throw PicShareException.invalid("a JSON object body is required");
      }
      return (JsonObject) value;
    } catch (DecodeException | ClassCastException e) {
      throw PicShareException.invalid("the body is not a JSON object");
    }
  }

  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value != null && !(value instanceof String)) {
      throw PicShareException.invalid(field + " must be a string");
    }
    return (String) value;
  }

  static JsonObject user(UserRecord user) {
    return new JsonObject()
        .put("id", PublicIds.encode(user.userId()))
        .put("username", user.username())
        .put("created_at", Instant.ofEpochMilli(user.createdAtMillis()).toString());
  }

  static JsonObject profile(UserAccount account) {
    return user(account.user())
        .put("photo_count", account.photoCount())
        .put("follower_count", account.followerCount())
        .put("following_count", account.followingCount());
  }

  /**
   * Sends one page of a list, {@code {"items": [...], "next_cursor": ...}}, with a {@code Link:
   * rel="next"} header when there is a next page.
   */
  static void sendPage(
      RoutingContext ctx, String path, int limit, JsonArray items, Optional<String> nextCursor) {
    if (answered(ctx)) {
      return; // e.g. by its deadline: a late page must not touch the headers sent
    }
    nextCursor.ifPresent(
        next ->
            ctx.response()
                .putHeader(
                    "Link",
                    "<"
                        + path
                        + (path.contains("?") ? "&" : "?")
                        + "limit="
                        + limit
                        + "&cursor="
                        + next
                        + ">; rel=\"next\""));
    send(
        ctx, 200, new JsonObject().put("items", items).put("next_cursor", nextCursor.orElse(null)));
  }

  /** Sends {@code body}, unless the request was answered already (e.g. by its deadline). */
  static void send(RoutingContext ctx, int status, JsonObject body) {
    if (answered(ctx)) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }

  private static boolean answered(RoutingContext ctx) {
    return ctx.response().ended() || ctx.response().closed() || ctx.response().headWritten();
  }
}
