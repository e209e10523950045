package io.picshare.api.config;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.webhook.ModerationHook;
import io.picshare.api.domain.webhook.RetrySchedule;
import io.picshare.api.domain.webhook.WebhookTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Webhooks (docs/webhooks.md).
 *
 * @param allowPrivateTargets deliver to loopback, private and other non-public addresses too
 *     ({@code webhook-allow-private-targets}, default {@code false}; for local development and
 *     tests only)
 * @param moderation the operator's site-wide hook for every upload ({@code webhook-moderation-url}
 *     and {@code webhook-moderation-secret-file}, given together; default none)
 * @param retries attempts and backoff ({@code webhook-max-attempts}, default 10; {@code
 *     webhook-retry-initial-delay-ms}, default 10000; {@code webhook-retry-max-delay-ms}, default
 *     3600000)
 * @param connectTimeout {@code webhook-connect-timeout-ms}, default 2000
 * @param timeout how long one attempt may take in all, connecting included ({@code
 *     webhook-timeout-ms}, default 10000)
 * @param pollInterval how often a worker looks for due deliveries ({@code
 *     webhook-poll-interval-ms}, default 1000)
 * @param concurrencyPerTarget attempts one worker runs at once against one {@code host:port}
 *     ({@code webhook-concurrency-per-target}, default 8)
 * @param maxInFlight attempts one worker runs at once in all ({@code webhook-max-in-flight},
 *     default 64)
 * @param maxPerUser webhooks one user may have ({@code webhooks-per-user}, default 10)
 */
public record WebhookConfig(
    boolean allowPrivateTargets,
    Optional<ModerationHook> moderation,
    RetrySchedule retries,
    Duration connectTimeout,
    Duration timeout,
    Duration pollInterval,
    int concurrencyPerTarget,
    int maxInFlight,
    int maxPerUser) {
  public WebhookConfig {
    requireNonNull(moderation, "moderation is null");
    requireNonNull(retries, "retries is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(pollInterval, "pollInterval is null");
    if (timeout.compareTo(connectTimeout) < 0) {
      throw new ConfigException("webhook-timeout-ms must be at least webhook-connect-timeout-ms");
    }
  }

  static WebhookConfig from(ConfigValues values) {
    return new WebhookConfig(
        bool(values, "webhook-allow-private-targets"),
        moderation(values),
        new RetrySchedule(
            values.integer("webhook-max-attempts", 10, 1, 50),
            Duration.ofMillis(
                values.integer("webhook-retry-initial-delay-ms", 10_000, 1, 3_600_000)),
            Duration.ofMillis(
                values.integer("webhook-retry-max-delay-ms", 3_600_000, 1, 86_400_000))),
        Duration.ofMillis(values.integer("webhook-connect-timeout-ms", 2_000, 10, 60_000)),
        Duration.ofMillis(values.integer("webhook-timeout-ms", 10_000, 10, 120_000)),
        Duration.ofMillis(values.integer("webhook-poll-interval-ms", 1_000, 10, 60_000)),
        values.integer("webhook-concurrency-per-target", 8, 1, 1_000),
        values.integer("webhook-max-in-flight", 64, 1, 10_000),
        values.integer("webhooks-per-user", 10, 1, 1_000));
  }

  private static boolean bool(ConfigValues values, String key) {
    String value = values.string(key, "false").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key + " must be true or false, got: " + value);
    };
  }

  private static Optional<ModerationHook> moderation(ConfigValues values) {
    String url = values.string("webhook-moderation-url", null);
    Optional<Path> secretFile = values.path("webhook-moderation-secret-file");
    if (url == null && secretFile.isEmpty()) {
      return Optional.empty();
    }
    if (url == null || secretFile.isEmpty()) {
      throw new ConfigException(
          "webhook-moderation-url and webhook-moderation-secret-file go together");
    }
    WebhookTarget target;
    try {
      target = WebhookTarget.parse(url);
    } catch (PicShareException e) {
      throw new ConfigException("webhook-moderation-url: " + e.getMessage());
    }
    String secret;
    try {
      secret = Files.readString(secretFile.get(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          "webhook-moderation-secret-file " + secretFile.get() + " cannot be read: " + e);
    }
    if (secret.isEmpty()) {
      throw new ConfigException("webhook-moderation-secret-file " + secretFile.get() + " is empty");
    }
    return Optional.of(new ModerationHook(target, secret));
  }
}
