package io.picshare.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes a response: known statuses get their problem type,
 * anything unexpected is logged and answered with a 500 that leaks nothing.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    int status = ctx.statusCode();
    switch (status) {
      case 404 -> Problem.send(ctx, 404, "not-found", "Not Found", "No resource at " + ctx.request().path());
      case 405 -> Problem.send(ctx, 405, "method-not-allowed", "Method Not Allowed",
          ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> Problem.send(ctx, 413, "payload-too-large", "Payload Too Large", null);
      default -> {
        LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        Problem.send(ctx, 500, "internal-error", "Internal Server Error", null);
      }
    }
  }
}
