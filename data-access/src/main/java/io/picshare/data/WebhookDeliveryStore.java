package io.picshare.data;

import io.picshare.schema.key.WebhookQueueRowKey;
import io.picshare.schema.record.DeliveryAttempt;
import io.picshare.schema.record.DeliveryState;
import io.picshare.schema.record.WebhookDeliveryRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Webhook deliveries and the queue of those due. A delivery's row is the truth and changes state
 * only by compare-and-set ({@link #transition}); queue entries are pointers to rows, written and
 * removed around those changes, and checked against the row when met.
 */
public interface WebhookDeliveryStore {
  /** Writes a new delivery; {@code false} if it exists already (a replayed event). */
  CompletableFuture<Boolean> createIfAbsent(WebhookDeliveryRecord delivery);

  CompletableFuture<Optional<WebhookDeliveryRecord>> find(long webhookId, long eventId);

  /**
   * Up to {@code limit} of the webhook's deliveries, newest event first, older than {@code before}.
   */
  CompletableFuture<List<WebhookDeliveryRecord>> list(
      long webhookId, OptionalLong before, int limit);

  /**
   * Replaces the delivery's state {@code seen} with {@code next} and records {@code attempt} with
   * it, if the state is still {@code seen}: {@code false} if another worker changed it first.
   */
  CompletableFuture<Boolean> transition(
      long webhookId,
      long eventId,
      DeliveryState seen,
      DeliveryState next,
      Optional<DeliveryAttempt> attempt);

  /** Puts an entry in the queue (writing it again changes nothing). */
  CompletableFuture<Void> enqueue(WebhookQueueRowKey entry);

  CompletableFuture<Void> dequeue(WebhookQueueRowKey entry);

  /**
   * Up to {@code limit} entries of {@code bucket} due at or before {@code nowMillis}, earliest
   * first.
   */
  CompletableFuture<List<WebhookQueueRowKey>> due(int bucket, long nowMillis, int limit);
}
