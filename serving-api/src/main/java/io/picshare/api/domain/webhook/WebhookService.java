package io.picshare.api.domain.webhook;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.domain.IdSource;
import io.picshare.api.domain.Paging;
import io.picshare.api.domain.auth.Principal;
import io.picshare.api.domain.error.ErrorCode;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.data.WebhookDeliveryStore;
import io.picshare.data.WebhookStore;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.record.WebhookDeliveryRecord;
import io.picshare.schema.record.WebhookRecord;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Users' webhooks: registering one (its URL checked by {@link TargetPolicy}, a secret generated and
 * shown once), listing, deleting, and the log of its deliveries. A webhook is found only under its
 * owner, so another user's webhook is simply not found.
 */
public final class WebhookService {
  /** Secrets are this prefix and 32 random bytes, base64url. */
  public static final String SECRET_PREFIX = "whsec_";

  private final WebhookStore webhooks;
  private final WebhookDeliveryStore deliveries;
  private final TargetPolicy targets;
  private final IdSource ids;
  private final Clock clock;
  private final WorkerExecutor resolvers;
  private final int maxPerUser;
  private final SecureRandom random = new SecureRandom();

  public WebhookService(
      WebhookStore webhooks,
      WebhookDeliveryStore deliveries,
      TargetPolicy targets,
      IdSource ids,
      Clock clock,
      WorkerExecutor resolvers,
      int maxPerUser) {
    this.webhooks = requireNonNull(webhooks, "webhooks is null");
    this.deliveries = requireNonNull(deliveries, "deliveries is null");
    this.targets = requireNonNull(targets, "targets is null");
    this.ids = requireNonNull(ids, "ids is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.resolvers = requireNonNull(resolvers, "resolvers is null");
    if (maxPerUser < 1) {
      throw new IllegalArgumentException("maxPerUser must be positive");
    }
    this.maxPerUser = maxPerUser;
  }

  /** A page of a webhook's deliveries, newest event first. */
  public record DeliveryPage(List<WebhookDeliveryRecord> deliveries, Optional<String> nextCursor) {}

  /**
   * Registers a webhook of {@code owner} for {@code events} at {@code url}; the result holds the
   * secret, which is never shown again.
   */
  public Future<WebhookRecord> create(Principal owner, String url, List<String> events) {
    List<String> types;
    WebhookTarget target;
    try {
      types = eventTypes(events);
      target = WebhookTarget.parse(url);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return resolvers
        .executeBlocking(() -> targets.check(target), false)
        .compose(allowed -> Async.of(webhooks.list(owner.userId(), maxPerUser)))
        .compose(
            existing -> {
              if (existing.size() >= maxPerUser) {
                return Future.failedFuture(
                    new PicShareException(
                        ErrorCode.TOO_MANY_WEBHOOKS,
                        "a user can have at most " + maxPerUser + " webhooks; delete one first"));
              }
              WebhookRecord webhook =
                  new WebhookRecord(
                      owner.userId(), ids.next(), target.url(), types, newSecret(), clock.millis());
              return Async.of(webhooks.create(webhook))
                  .compose(
                      created ->
                          created
                              ? Future.succeededFuture(webhook)
                              : Future.failedFuture(
                                  new PicShareException(
                                      ErrorCode.SERVICE_UNAVAILABLE,
                                      "the webhook id was taken; retry")));
            });
  }

  /** The owner's webhooks, oldest first. */
  public Future<List<WebhookRecord>> list(Principal owner) {
    return Async.of(webhooks.list(owner.userId(), maxPerUser));
  }

  /** Deletes the owner's webhook; its pending deliveries are dropped at their next attempt. */
  public Future<Void> delete(Principal owner, String webhookId) {
    return find(owner, webhookId)
        .compose(webhook -> Async.of(webhooks.delete(owner.userId(), webhook.webhookId())));
  }

  /** A page of the deliveries of the owner's webhook. */
  public Future<DeliveryPage> deliveries(
      Principal owner, String webhookId, Optional<String> cursor, int limit) {
    OptionalLong before;
    try {
      Paging.requireLimit(limit);
      before = Paging.after(cursor);
    } catch (PicShareException e) {
      return Future.failedFuture(e);
    }
    return find(owner, webhookId)
        .compose(webhook -> Async.of(deliveries.list(webhook.webhookId(), before, limit + 1)))
        .map(
            found -> {
              List<WebhookDeliveryRecord> page = found.stream().limit(limit).toList();
              Optional<String> next =
                  found.size() > limit
                      ? Optional.of(PublicIds.encode(page.get(page.size() - 1).eventId()))
                      : Optional.empty();
              return new DeliveryPage(page, next);
            });
  }

  private Future<WebhookRecord> find(Principal owner, String webhookId) {
    OptionalLong id = PublicIds.decode(webhookId);
    if (id.isEmpty()) {
      return Future.failedFuture(notFound(webhookId));
    }
    return Async.of(webhooks.find(owner.userId(), id.getAsLong()))
        .compose(
            found ->
                found
                    .map(Future::succeededFuture)
                    .orElseGet(() -> Future.failedFuture(notFound(webhookId))));
  }

  private static PicShareException notFound(String webhookId) {
    return PicShareException.notFound("you have no webhook '" + webhookId + "'");
  }

  private static List<String> eventTypes(List<String> events) {
    if (events == null || events.isEmpty()) {
      throw PicShareException.invalid(
          "events must list at least one of " + String.join(", ", WebhookEvents.TYPES));
    }
    Set<String> types = new LinkedHashSet<>();
    for (String event : events) {
      if (!WebhookEvents.isKnown(event)) {
        throw PicShareException.invalid(
            "unknown event '" + event + "'; events are " + String.join(", ", WebhookEvents.TYPES));
      }
      types.add(event);
    }
    return List.copyOf(types);
  }

  private String newSecret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
