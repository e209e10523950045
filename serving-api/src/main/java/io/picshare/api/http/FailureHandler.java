package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes a response: domain errors get their code's status and
 * problem type, framework statuses (404, 405, 413) theirs, and anything unexpected is logged
 * and answered with a 500 that leaks nothing.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    discardUnreadBody(ctx);
    Throwable failure = ctx.failure();
    if (failure instanceof PicShareException e) {
      Problem.send(ctx, e.code(), e.getMessage());
      return;
    }
    if (failure instanceof DecodeException) {
      Problem.send(ctx, ErrorCode.VALIDATION_FAILED, "the body is not valid JSON");
      return;
    }
    switch (ctx.statusCode()) {
      case 400 -> Problem.send(ctx, ErrorCode.VALIDATION_FAILED, "the request is malformed");
      case 404 -> Problem.send(ctx, ErrorCode.NOT_FOUND, "no resource at " + ctx.request().path());
      case 405 -> Problem.send(ctx, ErrorCode.METHOD_NOT_ALLOWED,
          ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> Problem.send(ctx, ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large");
      default -> {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        Problem.send(ctx, ErrorCode.INTERNAL_ERROR, null);
      }
    }
  }

  /**
   * A request refused before its body was read (bad token, rate limit, oversize) must not leave
   * that body on the connection: an oversize one is cut off by closing the connection after the
   * answer, any other is read and dropped so the connection can be reused.
   */
  private static void discardUnreadBody(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      return;
    }
    boolean oversize = ctx.statusCode() == 413
        || ctx.failure() instanceof PicShareException e && e.code() == ErrorCode.PAYLOAD_TOO_LARGE;
    if (oversize) {
      ctx.response().endHandler(ended -> request.connection().close());
    } else {
      request.handler(ignored -> { });
      request.resume();
    }
  }
}
