package io.picshare.api.domain.webhook;

import io.picshare.schema.id.PublicIds;

/**
 * The public id of a delivery, sent as {@code PicShare-Delivery}: the webhook's public id followed
 * by the event's (22 characters). It names the (webhook, event) pair, so it is the same for every
 * attempt and for a replayed event: receivers deduplicate by it.
 */
public final class DeliveryIds {
  private DeliveryIds() {}

  public static String of(long webhookId, long eventId) {
    return PublicIds.encode(webhookId) + PublicIds.encode(eventId);
  }
}
