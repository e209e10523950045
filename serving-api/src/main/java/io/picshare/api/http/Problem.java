package io.picshare.api.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 {@code application/problem+json} error responses. */
final class Problem {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  static Future<Void> send(RoutingContext ctx, int status, String type, String title, String detail) {
    JsonObject body = new JsonObject()
        .put("type", "https://picshare.dev/problems/" + type)
        .put("title", title)
        .put("status", status)
        .put("instance", ctx.request().path());
    if (detail != null) {
      body.put("detail", detail);
    }
    return ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }
}
