package io.picshare.api.http;

import io.picshare.api.config.ProxyConfig;
import io.picshare.api.health.ReadinessService;
import io.picshare.api.metrics.ApiMetrics;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The operators' port: {@code GET /metrics} (Prometheus text format), {@code GET /health/ready}
 * with every component's detail, and {@code GET /health/live}. Bound to {@code admin-host}, by
 * default loopback only.
 */
public final class AdminRouter {
  private AdminRouter() {}

  public static Router create(Vertx vertx, ReadinessService readiness, ApiMetrics metrics) {
    Router router = Router.router(vertx);
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(metrics.scrape()));
    HealthRoutes.detailed(readiness).mount(router);
    FailureHandler failures = new FailureHandler(new ClientAddresses(ProxyConfig.none()));
    router.route().failureHandler(failures);
    router.errorHandler(404, failures);
    router.errorHandler(405, failures);
    return router;
  }
}
