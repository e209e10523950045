package io.picshare.api.http;

import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.social.FollowService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-up, log-in and profiles: {@code /v1/users}, {@code /v1/sessions}. Log-ins are limited per
 * client and per account (username, case-insensitive). A profile read with a token says whether the
 * caller follows the user ({@code followed_by_me}).
 */
final class AccountRoutes {
  private static final int MAX_JSON_BYTES = 16 * 1024;

  private final AccountService accounts;
  private final FollowService follows;
  private final Authenticator authenticator;
  private final EdgeLimits limits;

  AccountRoutes(
      AccountService accounts,
      FollowService follows,
      Authenticator authenticator,
      EdgeLimits limits) {
    this.accounts = accounts;
    this.follows = follows;
    this.authenticator = authenticator;
    this.limits = limits;
  }

  void mountWrites(Router router) {
    BodyHandler json = BodyHandler.create(false).setBodyLimit(MAX_JSON_BYTES);
    router.post("/v1/users").handler(json).handler(this::signUp);
    router.post("/v1/sessions").handler(json).handler(this::logIn);
  }

  void mountReads(Router router) {
    router.get("/v1/users/:username").handler(this::profile);
  }

  private void signUp(RoutingContext ctx) {
    limits.signUpsPerClient.acquire(ctx, limits.clients().rateLimitKey(ctx));
    JsonObject body = Json.body(ctx);
    accounts
        .signUp(Json.string(body, "username"), Json.string(body, "password"))
        .onSuccess(
            user -> {
              ctx.response().putHeader("Location", "/v1/users/" + user.username());
              Json.send(ctx, 201, Json.user(user));
            })
        .onFailure(ctx::fail);
  }

  private void logIn(RoutingContext ctx) {
    limits.logInsPerClient.acquire(ctx, limits.clients().rateLimitKey(ctx));
    JsonObject body = Json.body(ctx);
    String username = Json.string(body, "username");
    if (username != null) {
      limits.logInsPerAccount.acquire(ctx, username.toLowerCase(Locale.ROOT));
    }
    accounts
        .logIn(username, Json.string(body, "password"))
        .onSuccess(
            session ->
                Json.send(
                    ctx,
                    201,
                    new JsonObject()
                        .put("token", session.token())
                        .put("token_type", "Bearer")
                        .put("expires_in", session.expiresIn().toSeconds())
                        .put("user", Json.user(session.user()))))
        .onFailure(ctx::fail);
  }

  private void profile(RoutingContext ctx) {
    Optional<Principal> viewer = authenticator.optional(ctx);
    accounts
        .profile(ctx.pathParam("username"))
        .compose(
            account ->
                viewer.isEmpty()
                    ? Future.succeededFuture(Json.profile(account))
                    : follows
                        .follows(viewer.get(), account.user().userId())
                        .map(followed -> Json.profile(account).put("followed_by_me", followed)))
        .onSuccess(profile -> Json.send(ctx, 200, profile))
        .onFailure(ctx::fail);
  }
}
