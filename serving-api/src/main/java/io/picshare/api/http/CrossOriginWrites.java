package io.picshare.api.http;

import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CORS of a write server, for web apps of other origins that send it writes ({@code
 * cors-allowed-origins}; none by default). A preflight from an allowed origin for a write method is
 * answered {@code 204} with what those writes send (bearer token, JSON or multipart, {@code
 * Idempotency-Key}); one from any other origin is {@code 403}. Writes from an allowed origin may
 * read the answer, its error documents and the headers a client acts on (reads come from the page's
 * own origin). No credentials (cookies) are involved: writes carry bearer tokens, so CORS grants
 * reading answers, never authority.
 */
final class CrossOriginWrites implements Handler<RoutingContext> {
  private static final List<String> METHODS = List.of("POST", "PUT", "DELETE");
  private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
  private static final String EXPOSED_HEADERS =
      "Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset,"
          + " Idempotent-Replayed";
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  CrossOriginWrites(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    String preflight = ctx.request().getHeader("Access-Control-Request-Method");
    boolean allowed = origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
    if (ctx.request().method() == HttpMethod.OPTIONS && preflight != null) {
      if (!allowed || !METHODS.contains(preflight)) {
        throw new PicShareException(
            ErrorCode.FORBIDDEN,
            "cross-origin "
                + preflight
                + " requests from this origin are not allowed here (cors-allowed-origins)");
      }
      ctx.response()
          .putHeader("Access-Control-Allow-Origin", origin)
          .putHeader("Access-Control-Allow-Methods", String.join(", ", METHODS))
          .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
          .putHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS)
          .putHeader("Vary", "Origin")
          .setStatusCode(204)
          .end();
      return;
    }
    if (!origins.isEmpty() && METHODS.contains(ctx.request().method().name())) {
      ctx.response().putHeader("Vary", "Origin");
      if (allowed) {
        ctx.response()
            .putHeader("Access-Control-Allow-Origin", origin)
            .putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      }
    }
    ctx.next();
  }
}
