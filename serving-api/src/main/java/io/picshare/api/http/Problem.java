package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes RFC 9457 {@code application/problem+json} error responses. */
final class Problem {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  static Future<Void> send(RoutingContext ctx, ErrorCode code, String detail) {
    int status = ErrorStatus.of(code);
    JsonObject body =
        new JsonObject()
            .put("type", "https://picshare.dev/problems/" + code.code())
            .put("title", code.title())
            .put("status", status)
            .put("code", code.code())
            .put("instance", ctx.request().path());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (code == ErrorCode.UNAUTHENTICATED) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
    if (code == ErrorCode.RENDITION_PENDING) {
      // renditions are usually built within a second or two of the upload
      ctx.response().putHeader("Retry-After", "2");
    }
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", CONTENT_TYPE)
        .end(body.encode());
  }
}
