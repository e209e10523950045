package io.picshare.api.http;

import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.ReadinessService;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every backend
 * answers; 200 if all are up, 503 otherwise, with each component's status in the body.
 */
final class HealthRoutes {
  private final ReadinessService readiness;

  HealthRoutes(ReadinessService readiness) {
    this.readiness = readiness;
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    readiness.check().onComplete(result -> {
      if (result.failed()) {
        ctx.fail(result.cause());
        return;
      }
      ReadinessService.Readiness state = result.result();
      JsonObject components = new JsonObject();
      for (ComponentHealth health : state.components()) {
        components.put(health.component(), new JsonObject()
            .put("status", health.up() ? "UP" : "DOWN")
            .put("latencyMs", health.latencyMillis())
            .put("detail", new JsonObject(health.detail())));
      }
      json(ctx, state.ready() ? 200 : 503,
          new JsonObject().put("status", state.ready() ? "UP" : "DOWN").put("components", components));
    });
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
