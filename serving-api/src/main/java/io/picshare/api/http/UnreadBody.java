package io.picshare.api.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * A request answered before its body was read (refused, timed out) must not have that body read for
 * as long as the client sends it: the answer says {@code Connection: close}; at most {@link
 * #DRAIN_LIMIT_BYTES} more are read and dropped, for at most {@link #DRAIN_MILLIS} after the
 * answer, so the client gets to read it; then the connection is closed.
 */
final class UnreadBody {
  static final long DRAIN_LIMIT_BYTES = 1024 * 1024;
  static final long DRAIN_MILLIS = 1_000;

  private UnreadBody() {}

  /**
   * Whether some of the request's body may still be on its way. A request without {@code
   * Content-Length} or {@code Transfer-Encoding} has none, even while its end has not been
   * processed yet.
   */
  static boolean pending(HttpServerRequest request) {
    if (request.isEnded()) {
      return false;
    }
    String length = request.getHeader("Content-Length");
    if (length != null) {
      return !"0".equals(length.strip());
    }
    return request.getHeader("Transfer-Encoding") != null;
  }

  /** Call before sending the answer; does nothing if the body was read in full or there is none. */
  static void closeAfterAnswer(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!pending(request)) {
      return;
    }
    HttpConnection connection = request.connection();
    ctx.response().putHeader("Connection", "close");
    long[] drained = {0};
    request.exceptionHandler(ignored -> {});
    request.handler(
        chunk -> {
          drained[0] += chunk.length();
          if (drained[0] > DRAIN_LIMIT_BYTES) {
            connection.close();
          }
        });
    request.endHandler(
        ended -> {
          if (ctx.response().ended()) {
            connection.close();
          }
        });
    ctx.addEndHandler(
        answered -> {
          if (request.isEnded()) {
            connection.close();
          } else {
            ctx.vertx().setTimer(DRAIN_MILLIS, lingered -> connection.close());
          }
        });
    request.resume();
  }
}
