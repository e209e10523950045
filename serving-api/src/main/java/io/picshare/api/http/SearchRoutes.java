package io.picshare.api.http;

import io.picshare.api.domain.search.SearchService;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Search: {@code GET /v1/search/photos?q=&limit=&cursor=} (titles, relevance then newest first) and
 * {@code GET /v1/search/users?q=&limit=} (username prefix). A token is optional; with one, photos
 * carry {@code liked_by_me}.
 */
final class SearchRoutes {
  private final SearchService search;
  private final PhotoViews views;
  private final Authenticator authenticator;

  SearchRoutes(SearchService search, PhotoViews views, Authenticator authenticator) {
    this.search = search;
    this.views = views;
    this.authenticator = authenticator;
  }

  void mountReads(Router router) {
    router.get("/v1/search/photos").handler(this::photos);
    router.get("/v1/search/users").handler(this::users);
  }

  private void photos(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    int limit = PhotoRoutes.limit(ctx.queryParams().get("limit"));
    search
        .photos(q, limit, Optional.ofNullable(ctx.queryParams().get("cursor")))
        .compose(
            page ->
                views
                    .many(authenticator.optional(ctx), page.photos())
                    .onSuccess(
                        items ->
                            Json.sendPage(
                                ctx,
                                "/v1/search/photos?q="
                                    + URLEncoder.encode(q.strip(), StandardCharsets.UTF_8),
                                limit,
                                items,
                                page.nextCursor())))
        .onFailure(ctx::fail);
  }

  private void users(RoutingContext ctx) {
    int limit = PhotoRoutes.limit(ctx.queryParams().get("limit"));
    search
        .users(ctx.queryParams().get("q"), limit)
        .onSuccess(
            users -> {
              JsonArray items = new JsonArray();
              users.forEach(user -> items.add(Json.user(user)));
              Json.sendPage(ctx, "/v1/search/users", limit, items, Optional.empty());
            })
        .onFailure(ctx::fail);
  }
}
