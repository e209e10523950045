package io.picshare.api.http;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.ServerRole;
import io.picshare.api.config.TimeoutConfig;
import io.picshare.api.domain.account.AccountService;
import io.picshare.api.domain.auth.TokenService;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.feed.FeedService;
import io.picshare.api.domain.notify.NotificationHub;
import io.picshare.api.domain.photo.PhotoDeleteService;
import io.picshare.api.domain.photo.PhotoReadService;
import io.picshare.api.domain.photo.PhotoUploadService;
import io.picshare.api.domain.search.SearchService;
import io.picshare.api.domain.social.FollowService;
import io.picshare.api.domain.social.LikeService;
import io.picshare.api.domain.webhook.WebhookService;
import io.picshare.api.graphql.PicShareGraphQL;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Every route the public port serves (the API under {@code /v1}, health, and on read servers the
 * web app at {@code /}), and the failure handler behind them. A server mounts the routes of its
 * role; the other role's routes answer 405, so a misrouted request fails loudly. Before any route:
 * the request is counted, its connection's head timer stopped, security headers set, and its
 * deadline and body timeout started. {@code /metrics} and the detailed readiness are on the admin
 * port ({@link AdminRouter}).
 */
public final class ApiRouter {
  /** The services the routes call. */
  public record Services(
      AccountService accounts,
      PhotoUploadService uploads,
      PhotoReadService photos,
      PhotoDeleteService deletes,
      FollowService follows,
      LikeService likes,
      FeedService feeds,
      SearchService search,
      PicShareGraphQL graphql,
      WebhookService webhooks,
      NotificationHub notifications,
      TokenService tokens,
      ReadinessService readiness,
      ApiMetrics metrics,
      WebAppBundle webApp) {}

  private static final List<String> WRITE_PATHS =
      List.of(
          "/v1/users",
          "/v1/sessions",
          "/v1/photos",
          "/v1/photos/:id",
          "/v1/photos/:id/like",
          "/v1/me/following/:username",
          "/v1/webhooks",
          "/v1/webhooks/:id");
  private static final List<String> READ_PATHS =
      List.of(
          "/v1/users/:username",
          "/v1/users/:username/photos",
          "/v1/users/:username/followers",
          "/v1/users/:username/following",
          "/v1/feed",
          "/v1/stream",
          "/v1/search/photos",
          "/v1/search/users",
          "/v1/photos/:id",
          "/v1/photos/:id/content",
          "/v1/webhooks",
          "/v1/webhooks/:id/deliveries");

  private ApiRouter() {}

  public static Router create(Vertx vertx, ApiConfig config, Services services, EdgeLimits limits) {
    Router router = Router.router(vertx);
    ApiMetrics metrics = services.metrics();
    router
        .route()
        .handler(
            ctx -> {
              long started = System.nanoTime();
              ctx.addEndHandler(
                  ended ->
                      metrics.request(
                          ctx.request().method().name(),
                          ctx.response().getStatusCode(),
                          System.nanoTime() - started));
              ctx.next();
            });
    router.route().handler(limits.connections()::requestStarted);
    router
        .route()
        .handler(
            ctx -> {
              ctx.response().putHeader("X-Content-Type-Options", "nosniff");
              ctx.next();
            });
    Authenticator authenticator = new Authenticator(services.tokens());
    ServerRole role = config.http().role();
    if (role.servesWrites()) {
      router.route().handler(new CrossOriginWrites(config.webApp().corsAllowedOrigins()));
    }
    if (role.servesReads()) {
      // before the request deadline: a stream lives on after its upgrade
      new StreamRoutes(services.notifications(), authenticator, config.stream()).mountReads(router);
    }
    TimeoutConfig timeouts = config.timeouts();
    router
        .route()
        .handler(new RequestDeadline(timeouts.requestTimeout(), timeouts.uploadTimeout()));
    router.route().handler(new BodyTimeout(timeouts.bodyTimeout()));
    HealthRoutes.statusOnly(services.readiness()).mount(router);
    Buffer openApi = Buffer.buffer(openApiDocument());
    router
        .get("/v1/openapi.json")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(openApi));

    AccountRoutes accounts =
        new AccountRoutes(services.accounts(), services.follows(), authenticator, limits);
    SocialRoutes social = new SocialRoutes(services.follows(), services.likes(), authenticator);
    PhotoViews views = new PhotoViews(services.likes());
    FeedRoutes feed = new FeedRoutes(services.feeds(), views, authenticator);
    SearchRoutes search = new SearchRoutes(services.search(), views, authenticator);
    WebhookRoutes webhooks = new WebhookRoutes(services.webhooks(), authenticator);
    PhotoRoutes photos =
        new PhotoRoutes(
            services.uploads(),
            services.photos(),
            services.deletes(),
            authenticator,
            metrics,
            limits,
            config.upload().maxBytes(),
            views);

    if (role.servesWrites()) {
      accounts.mountWrites(router);
      photos.mountWrites(router);
      social.mountWrites(router);
      webhooks.mountWrites(router);
    } else {
      WRITE_PATHS.forEach(
          path -> {
            router.route(HttpMethod.POST, path).handler(ctx -> wrongRole(ctx, role));
            router.route(HttpMethod.PUT, path).handler(ctx -> wrongRole(ctx, role));
            router.route(HttpMethod.DELETE, path).handler(ctx -> wrongRole(ctx, role));
          });
    }
    if (role.servesReads()) {
      accounts.mountReads(router);
      photos.mountReads(router);
      social.mountReads(router);
      feed.mountReads(router);
      search.mountReads(router);
      webhooks.mountReads(router);
      new WebAppRoutes(services.webApp(), config.webApp(), config.upload().maxBytes())
          .mount(router);
    } else {
      READ_PATHS.forEach(
          path -> router.route(HttpMethod.GET, path).handler(ctx -> wrongRole(ctx, role)));
    }

    new GraphQLRoutes(services.graphql(), authenticator, limits.clients()).mount(router, role);

    FailureHandler failures = new FailureHandler(limits.clients());
    router.route().failureHandler(failures);
    router.errorHandler(405, failures);
    router.errorHandler(404, failures);
    router.errorHandler(413, failures);
    return router;
  }

  static void wrongRole(RoutingContext ctx, ServerRole role) {
    ctx.fail(
        new PicShareException(
            ErrorCode.METHOD_NOT_ALLOWED,
            "this server runs the "
                + role.name().toLowerCase()
                + " role; send "
                + ctx.request().method()
                + " requests to a "
                + (role.servesReads() ? "write" : role.servesWrites() ? "read" : "read or write")
                + " server"));
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiRouter.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
