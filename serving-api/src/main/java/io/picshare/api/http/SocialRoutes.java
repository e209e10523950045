package io.picshare.api.http;

import io.picshare.api.domain.social.FollowService;
import io.picshare.api.domain.social.LikeService;
import io.picshare.api.domain.social.UserPage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows and likes: {@code PUT|DELETE /v1/me/following/{username}}, {@code PUT|DELETE
 * /v1/photos/{id}/like} (all idempotent, {@code 204}), and the followers and following lists.
 */
final class SocialRoutes {
  private final FollowService follows;
  private final LikeService likes;
  private final Authenticator authenticator;

  SocialRoutes(FollowService follows, LikeService likes, Authenticator authenticator) {
    this.follows = follows;
    this.likes = likes;
    this.authenticator = authenticator;
  }

  void mountWrites(Router router) {
    router
        .put("/v1/me/following/:username")
        .handler(
            ctx -> noContent(ctx, follows.follow(authenticator.authenticate(ctx), username(ctx))));
    router
        .delete("/v1/me/following/:username")
        .handler(
            ctx ->
                noContent(ctx, follows.unfollow(authenticator.authenticate(ctx), username(ctx))));
    router
        .put("/v1/photos/:id/like")
        .handler(
            ctx ->
                noContent(ctx, likes.like(authenticator.authenticate(ctx), ctx.pathParam("id"))));
    router
        .delete("/v1/photos/:id/like")
        .handler(
            ctx ->
                noContent(ctx, likes.unlike(authenticator.authenticate(ctx), ctx.pathParam("id"))));
  }

  void mountReads(Router router) {
    router
        .get("/v1/users/:username/followers")
        .handler(
            ctx ->
                users(
                    ctx,
                    "followers",
                    request ->
                        follows.followers(request.username(), request.cursor(), request.limit())));
    router
        .get("/v1/users/:username/following")
        .handler(
            ctx ->
                users(
                    ctx,
                    "following",
                    request ->
                        follows.following(request.username(), request.cursor(), request.limit())));
  }

  private record ListRequest(String username, Optional<String> cursor, int limit) {}

  private static void users(
      RoutingContext ctx, String list, Function<ListRequest, Future<UserPage>> lister) {
    String username = username(ctx);
    int limit = PhotoRoutes.limit(ctx.queryParams().get("limit"));
    lister
        .apply(
            new ListRequest(username, Optional.ofNullable(ctx.queryParams().get("cursor")), limit))
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.users().forEach(user -> items.add(Json.user(user)));
              Json.sendPage(
                  ctx, "/v1/users/" + username + "/" + list, limit, items, page.nextCursor());
            })
        .onFailure(ctx::fail);
  }

  private static String username(RoutingContext ctx) {
    return ctx.pathParam("username");
  }

  private static void noContent(RoutingContext ctx, Future<Void> done) {
    done.onSuccess(
            ignored -> {
              if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(204).end();
              }
            })
        .onFailure(ctx::fail);
  }
}
