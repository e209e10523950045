package io.picshare.api.domain.webhook;

import io.picshare.api.events.PhotoEvent;
import io.picshare.api.events.SocialEvent;
import java.util.List;

/**
 * The events a webhook can subscribe to, by their topic names (docs/events.md), and which user's
 * webhooks each goes to: a user hears about their own photos being uploaded, deleted, liked and
 * unliked, and about being followed.
 */
public final class WebhookEvents {
  /** Every subscribable event type. */
  public static final List<String> TYPES =
      List.of(
          PhotoEvent.Type.UPLOADED.topic(),
          PhotoEvent.Type.DELETED.topic(),
          SocialEvent.PHOTO_LIKED,
          SocialEvent.PHOTO_UNLIKED,
          SocialEvent.USER_FOLLOWED);

  private WebhookEvents() {}

  public static boolean isKnown(String type) {
    return TYPES.contains(type);
  }
}
