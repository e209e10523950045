package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * A request body that has not arrived in full within {@code timeout} of the request head — e.g. one
 * sent a byte at a time — is answered {@code 408 request-timeout}, and the connection closed,
 * instead of holding a connection and its buffers for as long as the client likes.
 */
final class BodyTimeout implements Handler<RoutingContext> {
  private final Duration timeout;

  BodyTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!UnreadBody.pending(request)) {
      ctx.next();
      return;
    }
    long timer =
        ctx.vertx()
            .setTimer(
                timeout.toMillis(),
                fired -> {
                  if (request.isEnded()) {
                    return;
                  }
                  if (ctx.response().headWritten() || ctx.response().closed()) {
                    request.connection().close();
                    return;
                  }
                  ctx.fail(
                      new PicShareException(
                          ErrorCode.REQUEST_TIMEOUT,
                          "the request body did not arrive within " + timeout.toSeconds() + " s"));
                });
    ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }
}
