package io.picshare.api.http;

import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.feed.FeedOrder;
import io.picshare.api.domain.feed.FeedService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;

/** The news feed: {@code GET /v1/feed?order=top|recent&limit=&cursor=} (bearer). */
final class FeedRoutes {
  private final FeedService feeds;
  private final PhotoViews views;
  private final Authenticator authenticator;

  FeedRoutes(FeedService feeds, PhotoViews views, Authenticator authenticator) {
    this.feeds = feeds;
    this.views = views;
    this.authenticator = authenticator;
  }

  void mountReads(Router router) {
    router.get("/v1/feed").handler(this::feed);
  }

  private void feed(RoutingContext ctx) {
    Principal viewer = authenticator.authenticate(ctx);
    String order = ctx.queryParams().get("order");
    int limit = PhotoRoutes.limit(ctx.queryParams().get("limit"));
    feeds
        .feed(viewer, order, limit, Optional.ofNullable(ctx.queryParams().get("cursor")))
        .compose(
            page ->
                views
                    .many(Optional.of(viewer), page.photos())
                    .onSuccess(
                        items ->
                            Json.sendPage(
                                ctx,
                                "/v1/feed?order="
                                    + FeedOrder.parse(order).name().toLowerCase(Locale.ROOT),
                                limit,
                                items,
                                page.nextCursor())))
        .onFailure(ctx::fail);
  }
}
