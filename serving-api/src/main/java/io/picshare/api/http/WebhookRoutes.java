package io.picshare.api.http;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.webhook.DeliveryIds;
import io.picshare.api.domain.webhook.WebhookService;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.DeliveryAttempt;
import io.picshare.schema.record.DeliveryState;
import io.picshare.schema.record.WebhookDeliveryRecord;
import io.picshare.schema.record.WebhookRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhooks, all the caller's own (bearer token): {@code POST /v1/webhooks} (the secret is in this
 * answer only), {@code GET /v1/webhooks}, {@code DELETE /v1/webhooks/{id}} and {@code GET
 * /v1/webhooks/{id}/deliveries}.
 */
final class WebhookRoutes {
  private static final int MAX_JSON_BYTES = 16 * 1024;

  private final WebhookService webhooks;
  private final Authenticator authenticator;

  WebhookRoutes(WebhookService webhooks, Authenticator authenticator) {
    this.webhooks = webhooks;
    this.authenticator = authenticator;
  }

  void mountWrites(Router router) {
    router
        .post("/v1/webhooks")
        .handler(BodyHandler.create(false).setBodyLimit(MAX_JSON_BYTES))
        .handler(this::create);
    router.delete("/v1/webhooks/:id").handler(this::delete);
  }

  void mountReads(Router router) {
    router.get("/v1/webhooks").handler(this::list);
    router.get("/v1/webhooks/:id/deliveries").handler(this::deliveries);
  }

  private void create(RoutingContext ctx) {
    var owner = authenticator.authenticate(ctx);
    JsonObject body = Json.body(ctx);
    webhooks
        .create(owner, Json.string(body, "url"), events(body))
        .onSuccess(
            webhook -> {
              ctx.response()
                  .putHeader("Location", "/v1/webhooks/" + PublicIds.encode(webhook.webhookId()));
              Json.send(ctx, 201, webhook(webhook).put("secret", webhook.secret()));
            })
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    webhooks
        .list(authenticator.authenticate(ctx))
        .onSuccess(
            found -> {
              JsonArray items = new JsonArray();
              found.forEach(webhook -> items.add(webhook(webhook)));
              Json.send(ctx, 200, new JsonObject().put("items", items).putNull("next_cursor"));
            })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    webhooks
        .delete(authenticator.authenticate(ctx), ctx.pathParam("id"))
        .onSuccess(
            deleted -> {
              if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(204).end();
              }
            })
        .onFailure(ctx::fail);
  }

  private void deliveries(RoutingContext ctx) {
    var owner = authenticator.authenticate(ctx);
    String id = ctx.pathParam("id");
    int limit = PhotoRoutes.limit(ctx.queryParams().get("limit"));
    webhooks
        .deliveries(owner, id, Optional.ofNullable(ctx.queryParams().get("cursor")), limit)
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.deliveries().forEach(delivery -> items.add(delivery(delivery)));
              Json.sendPage(
                  ctx, "/v1/webhooks/" + id + "/deliveries", limit, items, page.nextCursor());
            })
        .onFailure(ctx::fail);
  }

  /** The {@code events} field: an array of strings (which ones is the service's to judge). */
  private static List<String> events(JsonObject body) {
    Object value = body.getValue("events");
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw PicShareException.invalid("events must be an array of event names");
    }
    List<String> events = new ArrayList<>();
    for (Object event : array) {
      if (!(event instanceof String name)) {
        throw PicShareException.invalid("events must be an array of event names");
      }
      events.add(name);
    }
    return events;
  }

  private static JsonObject webhook(WebhookRecord webhook) {
    return new JsonObject()
        .put("id", PublicIds.encode(webhook.webhookId()))
        .put("url", webhook.url())
        .put("events", new JsonArray(new ArrayList<Object>(webhook.events())))
        .put("created_at", Instant.ofEpochMilli(webhook.createdAtMillis()).toString());
  }

  private static JsonObject delivery(WebhookDeliveryRecord delivery) {
    DeliveryState state = delivery.state();
    JsonArray attempts = new JsonArray();
    for (DeliveryAttempt attempt : delivery.attempts()) {
      attempts.add(
          new JsonObject()
              .put("attempt", attempt.number())
              .put("at", Instant.ofEpochMilli(attempt.startedAtMillis()).toString())
              .put("duration_ms", attempt.durationMillis())
              .put("status_code", attempt.statusCode() == 0 ? null : attempt.statusCode())
              .put("error", attempt.error().isEmpty() ? null : attempt.error()));
    }
    boolean pending = state.status() == DeliveryState.Status.PENDING;
    return new JsonObject()
        .put("id", DeliveryIds.of(delivery.webhookId(), delivery.eventId()))
        .put("event", delivery.topic())
        .put("event_id", PublicIds.encode(delivery.eventId()))
        .put("status", state.status().name().toLowerCase(Locale.ROOT))
        .put("created_at", Instant.ofEpochMilli(delivery.createdAtMillis()).toString())
        .put(
            "next_attempt_at",
            pending ? Instant.ofEpochMilli(state.nextAttemptAtMillis()).toString() : null)
        .put("attempts", attempts);
  }
}
