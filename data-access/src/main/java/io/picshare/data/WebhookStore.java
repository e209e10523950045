package io.picshare.data;

import io.picshare.schema.record.WebhookRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Users' webhooks, found only under their owner. */
public interface WebhookStore {
  /** Writes a new webhook; {@code false} if a webhook with its key exists already. */
  CompletableFuture<Boolean> create(WebhookRecord webhook);

  /** Up to {@code limit} of the owner's webhooks, oldest first. */
  CompletableFuture<List<WebhookRecord>> list(long ownerId, int limit);

  /** The owner's webhook {@code webhookId}, if there is one. */
  CompletableFuture<Optional<WebhookRecord>> find(long ownerId, long webhookId);

  /** Removes the webhook (nothing happens if there is none). */
  CompletableFuture<Void> delete(long ownerId, long webhookId);
}
