package io.picshare.api.workers.webhook;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.webhook.ModerationHook;
import io.picshare.api.domain.webhook.WebhookEvents;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.SocialEvent;
import io.picshare.api.workers.EventConsumer;
import io.picshare.data.WebhookDeliveryStore;
import io.picshare.data.WebhookStore;
import io.picshare.schema.id.IdGenerator;
import io.picshare.schema.id.PublicIds;
import io.picshare.schema.key.WebhookQueueRowKey;
import io.picshare.schema.record.DeliveryState;
import io.picshare.schema.record.WebhookDeliveryRecord;
import io.picshare.schema.record.WebhookRecord;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns events into pending webhook deliveries (it sends nothing: {@link DeliveryScheduler} does).
 * Each event goes to the webhooks of the one user it is about, if they subscribed to its type and
 * existed when it happened: the owner of the photo uploaded, deleted, liked or unliked, the user
 * followed. Every {@code photo-uploaded} also goes to the operator's moderation hook, if one is
 * configured. A delivery is keyed by (webhook, event), so a replayed event finds the delivery it
 * made before and only puts its queue entry back if it is still pending.
 */
public final class WebhookFanOut implements EventConsumer.BatchHandler {
  /** The topics it consumes. */
  public static final List<String> TOPICS = WebhookEvents.TYPES;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookFanOut.class);
  private static final long STORE_TIMEOUT_SECONDS = 30;

  private final WebhookStore webhooks;
  private final WebhookDeliveryStore deliveries;
  private final boolean moderation;
  private final int maxPerUser;
  private final Clock clock;
  private final AtomicLong scheduled = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();

  public WebhookFanOut(
      WebhookStore webhooks,
      WebhookDeliveryStore deliveries,
      boolean moderation,
      int maxPerUser,
      Clock clock) {
    this.webhooks = requireNonNull(webhooks, "webhooks is null");
    this.deliveries = requireNonNull(deliveries, "deliveries is null");
    this.moderation = moderation;
    this.maxPerUser = maxPerUser;
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** What an event is, once read: its id, type, the user it is about, and its bytes. */
  record Subject(long eventId, String topic, long userId, byte[] payload) {}

  @Override
  public void handle(List<EventConsumer.Event> batch) throws Exception {
    List<CompletableFuture<Void>> work = new ArrayList<>();
    for (EventConsumer.Event event : batch) {
      Optional<Subject> subject = subjectOf(event.topic(), event.payload());
      if (subject.isEmpty()) {
        skipped.incrementAndGet();
        LOG.warn("{} event {} names no event id or user; skipped", event.topic(), event.key());
        continue;
      }
      work.add(fanOut(subject.get()));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
        .get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private CompletableFuture<Void> fanOut(Subject event) {
    return webhooks
        .list(event.userId(), maxPerUser)
        .thenCompose(
            found -> {
              List<CompletableFuture<Void>> created = new ArrayList<>();
              for (WebhookRecord webhook : found) {
                if (webhook.events().contains(event.topic())
                    && IdGenerator.timestampMillis(webhook.webhookId())
                        <= IdGenerator.timestampMillis(event.eventId())) {
                  created.add(schedule(webhook.webhookId(), webhook.ownerId(), event));
                }
              }
              if (moderation && event.topic().equals(PhotoEvent.Type.UPLOADED.topic())) {
                created.add(schedule(ModerationHook.WEBHOOK_ID, ModerationHook.OWNER_ID, event));
              }
              return CompletableFuture.allOf(created.toArray(CompletableFuture[]::new));
            });
  }

  private CompletableFuture<Void> schedule(long webhookId, long ownerId, Subject event) {
    WebhookDeliveryRecord delivery =
        WebhookDeliveryRecord.created(
            webhookId, event.eventId(), ownerId, event.topic(), event.payload(), clock.millis());
    return deliveries
        .createIfAbsent(delivery)
        .thenCompose(
            created -> {
              if (created) {
                scheduled.incrementAndGet();
                return deliveries.enqueue(
                    new WebhookQueueRowKey(delivery.createdAtMillis(), webhookId, event.eventId()));
              }
              // A replay: the delivery exists. Put its queue entry back in case the first pass
              // died between the two writes; a delivery that is done needs none.
              return deliveries
                  .find(webhookId, event.eventId())
                  .thenCompose(
                      existing ->
                          existing.isPresent()
                                  && existing.get().state().status() == DeliveryState.Status.PENDING
                              ? deliveries.enqueue(
                                  new WebhookQueueRowKey(
                                      existing.get().state().nextAttemptAtMillis(),
                                      webhookId,
                                      event.eventId()))
                              : CompletableFuture.completedFuture(null));
            });
  }

  /** The event's id and the user whose webhooks hear of it, if the payload names them. */
  static Optional<Subject> subjectOf(String topic, byte[] payload) {
    try {
      JsonObject json = new JsonObject(new String(payload, StandardCharsets.UTF_8));
      OptionalLong eventId = PublicIds.decode(json.getString("event_id"));
      OptionalLong userId = PublicIds.decode(subjectField(topic, json));
      return eventId.isPresent() && userId.isPresent()
          ? Optional.of(new Subject(eventId.getAsLong(), topic, userId.getAsLong(), payload))
          : Optional.empty();
    } catch (DecodeException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private static String subjectField(String topic, JsonObject json) {
    if (topic.equals(PhotoEvent.Type.UPLOADED.topic())
        || topic.equals(PhotoEvent.Type.DELETED.topic())) {
      JsonObject photo = json.getJsonObject("photo");
      return photo == null ? null : photo.getString("owner_id");
    }
    if (topic.equals(SocialEvent.PHOTO_LIKED) || topic.equals(SocialEvent.PHOTO_UNLIKED)) {
      return json.getString("owner_id");
    }
    if (topic.equals(SocialEvent.USER_FOLLOWED)) {
      JsonObject followee = json.getJsonObject("followee");
      return followee == null ? null : followee.getString("id");
    }
    return null;
  }

  /** Deliveries created since start. */
  public long scheduled() {
    return scheduled.get();
  }

  /** Events skipped because they named no event id or user. */
  public long skipped() {
    return skipped.get();
  }
}
