package io.picshare.api.domain.webhook;

import static java.util.Objects.requireNonNull;

/**
 * The operator's site-wide webhook, set in configuration: it receives every {@code photo-uploaded}
 * event. Its deliveries are logged under the reserved webhook id {@value #WEBHOOK_ID} (no user's
 * webhook can have it: ids are issued from 2026 on), owner {@value #OWNER_ID}.
 */
public record ModerationHook(WebhookTarget target, String secret) {
  public static final long WEBHOOK_ID = 0;
  public static final long OWNER_ID = 0;

  public ModerationHook {
    requireNonNull(target, "target is null");
    requireNonNull(secret, "secret is null");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the moderation hook's secret is empty");
    }
  }

  @Override
  public String toString() {
    return "ModerationHook[" + target.url() + ", secret=<redacted>]";
  }
}
