package io.picshare.api.http;

import io.picshare.api.health.ComponentHealth;
import io.picshare.api.health.ReadinessService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health/live}: the process answers. {@code GET /health/ready}: every backend answers;
 * 200 if all are up, 503 otherwise. On the public port the body is only the status; on the admin
 * port it also has each component's status, latency and detail.
 */
final class HealthRoutes {
  private final ReadinessService readiness;
  private final boolean detailed;

  private HealthRoutes(ReadinessService readiness, boolean detailed) {
    this.readiness = readiness;
    this.detailed = detailed;
  }

  /** Status only, for load balancers and the public. */
  static HealthRoutes statusOnly(ReadinessService readiness) {
    return new HealthRoutes(readiness, false);
  }

  /** Every component's detail, for operators. */
  static HealthRoutes detailed(ReadinessService readiness) {
    return new HealthRoutes(readiness, true);
  }

  void mount(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    // the (cached) result may complete on another event loop; answer on this request's own
    Context requestContext = Vertx.currentContext();
    readiness
        .check()
        .onComplete(
            result ->
                requestContext.runOnContext(
                    onContext -> {
                      if (result.failed()) {
                        ctx.fail(result.cause());
                        return;
                      }
                      ReadinessService.Readiness state = result.result();
                      JsonObject body =
                          new JsonObject().put("status", state.ready() ? "UP" : "DOWN");
                      if (detailed) {
                        JsonObject components = new JsonObject();
                        for (ComponentHealth health : state.components()) {
                          components.put(
                              health.component(),
                              new JsonObject()
                                  .put("status", health.up() ? "UP" : "DOWN")
                                  .put("latencyMs", health.latencyMillis())
                                  .put("detail", new JsonObject(health.detail())));
                        }
                        body.put("components", components);
                      }
                      json(ctx, state.ready() ? 200 : 503, body);
                    }));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
