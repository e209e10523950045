package io.picshare.api.http;

import io.picshare.api.health.ReadinessService;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Every route the API serves, and the failure handler behind them. */
public final class ApiRouter {
  private ApiRouter() {}

  public static Router create(Vertx vertx, ReadinessService readiness) {
    Router router = Router.router(vertx);
    new HealthRoutes(readiness).mount(router);
    FailureHandler failures = new FailureHandler();
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(failures);
    router.errorHandler(405, failures);
    router.errorHandler(404, failures);
    return router;
  }
}
