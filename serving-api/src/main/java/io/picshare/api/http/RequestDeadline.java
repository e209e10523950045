package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * A request whose response has not started within its deadline is answered {@code 503
 * service-unavailable} with {@code Retry-After}; uploads ({@code POST /v1/photos}) have their own,
 * longer deadline. The work under way is not cancelled: a retried upload should carry the same
 * {@code Idempotency-Key}. A response already streaming is left to the idle timeout.
 */
final class RequestDeadline implements Handler<RoutingContext> {
  private final Duration request;
  private final Duration upload;

  RequestDeadline(Duration request, Duration upload) {
    this.request = request;
    this.upload = upload;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Duration deadline = isUpload(ctx.request()) ? upload : request;
    long timer =
        ctx.vertx()
            .setTimer(
                deadline.toMillis(),
                fired -> {
                  if (!ctx.response().headWritten() && !ctx.response().closed()) {
                    ctx.response().putHeader("Retry-After", "1");
                    ctx.fail(
                        new PicShareException(
                            ErrorCode.SERVICE_UNAVAILABLE,
                            "the request was not answered within " + deadline.toSeconds() + " s"));
                  }
                });
    ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }

  private static boolean isUpload(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && "/v1/photos".equals(request.path());
  }
}
