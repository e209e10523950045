package io.picshare.api.http;

import io.picshare.api.config.StreamConfig;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.notify.NotificationHub;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/stream}: a WebSocket of live notifications for the caller (docs/api.md). The token
 * comes in the {@code Authorization} header or, for browsers, which cannot set headers on a
 * WebSocket, as the subprotocol {@code bearer.<token>} offered next to {@code picshare.v1} (never
 * in the URL, so it stays out of logs). Refused before the upgrade, as problem+json: no or a bad
 * token ({@code 401}), not an upgrade ({@code 400}), too many streams of the user ({@code 429}) or
 * of this process ({@code 503}).
 */
final class StreamRoutes {
  /** The subprotocol the server speaks; a client offers it (and may add {@code bearer.<token>}). */
  static final String SUBPROTOCOL = "picshare.v1";

  private static final String TOKEN_SUBPROTOCOL = "bearer.";

  private final NotificationHub hub;
  private final Authenticator authenticator;
  private final StreamConfig config;

  StreamRoutes(NotificationHub hub, Authenticator authenticator, StreamConfig config) {
    this.hub = hub;
    this.authenticator = authenticator;
    this.config = config;
  }

  void mountReads(Router router) {
    router.get("/v1/stream").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    Principal user = authenticate(ctx);
    if (!ctx.request().canUpgradeToWebSocket()) {
      throw PicShareException.invalid(
          "GET /v1/stream is a WebSocket: send Connection: Upgrade and Upgrade: websocket");
    }
    LiveSocket socket = new LiveSocket(ctx.vertx(), hub, user.userId(), config.heartbeat());
    switch (hub.join(user.userId(), socket)) {
      case USER_FULL ->
          throw new PicShareException(
              ErrorCode.RATE_LIMITED,
              "at most "
                  + config.maxConnectionsPerUser()
                  + " live streams per user; close one first");
      case PROCESS_FULL -> {
        ctx.response().putHeader("Retry-After", "5");
        throw new PicShareException(
            ErrorCode.SERVICE_UNAVAILABLE,
            "this server has as many live streams as it takes; retry shortly");
      }
      case ADMITTED -> {
        // at once: the upgrade must happen before the router has read the request's end
        try {
          ctx.request()
              .toWebSocket()
              .onSuccess(socket::attach)
              .onFailure(error -> hub.leave(user.userId(), socket));
        } catch (RuntimeException e) {
          hub.leave(user.userId(), socket);
          throw e;
        }
      }
    }
  }

  private Principal authenticate(RoutingContext ctx) {
    if (ctx.request().getHeader("Authorization") != null) {
      return authenticator.authenticate(ctx);
    }
    String offered = ctx.request().getHeader("Sec-WebSocket-Protocol");
    if (offered != null) {
      for (String protocol : offered.split(",")) {
        String candidate = protocol.strip();
        if (candidate.startsWith(TOKEN_SUBPROTOCOL)) {
          return authenticator.verify(candidate.substring(TOKEN_SUBPROTOCOL.length()));
        }
      }
    }
    throw new PicShareException(
        ErrorCode.UNAUTHENTICATED,
        "a token is required: an Authorization: Bearer header, or the WebSocket subprotocol"
            + " bearer.<token> offered with "
            + SUBPROTOCOL);
  }
}
