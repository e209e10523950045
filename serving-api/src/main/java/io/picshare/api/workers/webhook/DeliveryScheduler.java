package io.picshare.api.workers.webhook;

import static java.util.Objects.requireNonNull;

import io.picshare.api.config.WebhookConfig;
import io.picshare.api.domain.Async;
import io.picshare.api.domain.error.PicShareException;
import io.picshare.api.domain.webhook.DeliveryIds;
import io.picshare.api.domain.webhook.ModerationHook;
import io.picshare.api.domain.webhook.RetrySchedule;
import io.picshare.api.domain.webhook.TargetPolicy;
import io.picshare.api.domain.webhook.WebhookTarget;
import io.picshare.data.WebhookDeliveryStore;
import io.picshare.data.WebhookStore;
import io.picshare.schema.key.WebhookQueueRowKey;
import io.picshare.schema.record.DeliveryAttempt;
import io.picshare.schema.record.DeliveryState;
import io.picshare.schema.record.DeliveryState.Status;
import io.picshare.schema.record.WebhookDeliveryRecord;
import io.picshare.schema.record.WebhookRecord;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due webhook deliveries, outside the Kafka consumer, on its own event loop. Every {@code
 * webhook-poll-interval-ms} it scans each bucket of {@code picshare:webhook_queue} for entries due
 * by now and, for each, reads the delivery row (the truth; entries are only pointers):
 *
 * <ul>
 *   <li>done, gone or not due yet: the entry is dropped (or moved to when it is due);
 *   <li>claimed by another worker whose claim has not lapsed: moved to when the claim lapses;
 *   <li>its target ({@code host:port}) already has {@code webhook-concurrency-per-target} attempts
 *       running here: moved a timeout later, so a slow target's backlog never sits in front of
 *       other targets' deliveries;
 *   <li>otherwise it is <em>claimed</em> by compare-and-set of the state cell (attempt n + 1, this
 *       worker's token, a lease of the timeout plus {@value #LEASE_MARGIN_SECONDS} s), and the
 *       attempt starts without being waited for. Its result is recorded by compare-and-set against
 *       the claim, so a worker whose lease lapsed (and was taken over) records nothing: two workers
 *       never both record one attempt, and an attempt is repeated only if its worker died.
 * </ul>
 *
 * A failed attempt is retried after the {@link RetrySchedule}'s backoff, up to its bound, then the
 * delivery is failed. A deleted webhook's pending deliveries fail without an attempt.
 */
public final class DeliveryScheduler extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);
  private static final int SCAN_LIMIT = 64;
  private static final long LEASE_MARGIN_SECONDS = 20;

  private final WebhookConfig config;
  private final WebhookStore webhooks;
  private final WebhookDeliveryStore deliveries;
  private final Clock clock;
  private final TargetPolicy userTargets;
  private final TargetPolicy operatorTargets = new TargetPolicy(true);
  private final byte[] holder = new byte[DeliveryState.HOLDER_LENGTH];
  private final Duration lease;

  /** Deliveries this worker is looking at or attempting, by (webhook, event). */
  private final Set<List<Long>> busy = new HashSet<>();

  /** Attempts running here per {@code host:port}. */
  private final Map<String, Integer> running = new HashMap<>();

  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private int runningTotal;
  private boolean scanning;
  private long timer = -1;
  private WebhookSender sender;

  public DeliveryScheduler(
      WebhookConfig config, WebhookStore webhooks, WebhookDeliveryStore deliveries, Clock clock) {
    this.config = requireNonNull(config, "config is null");
    this.webhooks = requireNonNull(webhooks, "webhooks is null");
    this.deliveries = requireNonNull(deliveries, "deliveries is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.userTargets = new TargetPolicy(config.allowPrivateTargets());
    this.lease = config.timeout().plusSeconds(LEASE_MARGIN_SECONDS);
    new SecureRandom().nextBytes(holder);
  }

  @Override
  public void start() {
    sender =
        new WebhookSender(
            vertx,
            clock,
            config.connectTimeout(),
            config.timeout(),
            config.concurrencyPerTarget(),
            Math.max(4, Math.min(32, config.maxInFlight())));
    timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> tick());
  }

  @Override
  public void stop() {
    vertx.cancelTimer(timer);
    if (sender != null) {
      sender.close();
    }
  }

  /** Deliveries that reached a 2xx answer. */
  public long succeeded() {
    return succeeded.get();
  }

  /** Deliveries given up after their last attempt failed (or whose webhook was deleted). */
  public long failed() {
    return failed.get();
  }

  /** Failed attempts that will be retried. */
  public long retried() {
    return retried.get();
  }

  /** Attempts made. */
  public long attempts() {
    return attempts.get();
  }

  private void tick() {
    if (scanning) {
      return;
    }
    scanning = true;
    long now = clock.millis();
    List<Future<List<WebhookQueueRowKey>>> scans = new ArrayList<>();
    for (int bucket = 0; bucket < WebhookQueueRowKey.BUCKETS; bucket++) {
      scans.add(Async.of(deliveries.due(bucket, now, SCAN_LIMIT)));
    }
    Future.join(scans)
        .onComplete(
            done -> {
              scanning = false;
              for (Future<List<WebhookQueueRowKey>> scan : scans) {
                if (scan.failed()) {
                  LOG.warn("scanning the webhook queue failed: {}", scan.cause().toString());
                  continue;
                }
                for (WebhookQueueRowKey entry : scan.result()) {
                  if (runningTotal >= config.maxInFlight()) {
                    return;
                  }
                  consider(entry, now);
                }
              }
            });
  }

  private void consider(WebhookQueueRowKey entry, long now) {
    List<Long> key = List.of(entry.webhookId(), entry.eventId());
    if (!busy.add(key)) {
      return;
    }
    Async.of(deliveries.find(entry.webhookId(), entry.eventId()))
        .compose(found -> found.isEmpty() ? drop(entry) : route(entry, found.get(), now))
        .onFailure(
            error ->
                LOG.warn(
                    "webhook delivery {} could not be scheduled (tried again later): {}",
                    DeliveryIds.of(entry.webhookId(), entry.eventId()),
                    error.toString()))
        .onComplete(done -> busy.remove(key));
  }

  /** Decides what a met entry's delivery needs; completes when that is started or done. */
  private Future<Void> route(WebhookQueueRowKey entry, WebhookDeliveryRecord delivery, long now) {
    DeliveryState state = delivery.state();
    if (state.status() != Status.PENDING) {
      return drop(entry);
    }
    if (state.nextAttemptAtMillis() > now) {
      return move(entry, state.nextAttemptAtMillis());
    }
    if (state.claimedAt(now)) {
      return move(entry, state.leaseExpiresAtMillis());
    }
    return target(delivery)
        .compose(
            target -> {
              if (target.isEmpty()) {
                return give(entry, delivery, "the webhook was deleted", now);
              }
              String authority = target.get().target().authority();
              if (running.getOrDefault(authority, 0) >= config.concurrencyPerTarget()) {
                return move(entry, now + config.timeout().toMillis());
              }
              if (runningTotal >= config.maxInFlight()) {
                return Future.succeededFuture();
              }
              return attempt(entry, delivery, target.get(), now);
            });
  }

  /** Where a delivery goes, with what secret and policy; empty if its webhook is gone. */
  private record Destination(WebhookTarget target, String secret, TargetPolicy policy) {}

  private Future<Optional<Destination>> target(WebhookDeliveryRecord delivery) {
    if (delivery.webhookId() == ModerationHook.WEBHOOK_ID) {
      return Future.succeededFuture(
          config
              .moderation()
              .map(hook -> new Destination(hook.target(), hook.secret(), operatorTargets)));
    }
    return Async.of(webhooks.find(delivery.ownerId(), delivery.webhookId()))
        .map(found -> found.flatMap(this::destination));
  }

  private Optional<Destination> destination(WebhookRecord webhook) {
    try {
      return Optional.of(
          new Destination(WebhookTarget.parse(webhook.url()), webhook.secret(), userTargets));
    } catch (PicShareException e) {
      LOG.warn("webhook {} has an unusable URL: {}", webhook.webhookId(), e.getMessage());
      return Optional.empty();
    }
  }

  private Future<Void> attempt(
      WebhookQueueRowKey entry, WebhookDeliveryRecord delivery, Destination to, long now) {
    String authority = to.target().authority();
    running.merge(authority, 1, Integer::sum);
    runningTotal++;
    DeliveryState seen = delivery.state();
    DeliveryState claimed = seen.claimed(holder, now + lease.toMillis());
    String id = DeliveryIds.of(delivery.webhookId(), delivery.eventId());
    Future<Void> done =
        Async.of(
                deliveries.transition(
                    delivery.webhookId(), delivery.eventId(), seen, claimed, Optional.empty()))
            .compose(
                won -> {
                  if (!won) {
                    return Future.succeededFuture();
                  }
                  attempts.incrementAndGet();
                  return sender
                      .send(
                          new WebhookSender.Request(
                              claimed.attempts(),
                              to.target(),
                              to.policy(),
                              to.secret(),
                              delivery.topic(),
                              id,
                              delivery.body()))
                      .compose(result -> record(entry, delivery, claimed, result, authority));
                });
    return done.onComplete(
        ended -> {
          runningTotal--;
          running.computeIfPresent(authority, (host, count) -> count > 1 ? count - 1 : null);
        });
  }

  private Future<Void> record(
      WebhookQueueRowKey entry,
      WebhookDeliveryRecord delivery,
      DeliveryState claimed,
      DeliveryAttempt result,
      String authority) {
    long ended = clock.millis();
    RetrySchedule retries = config.retries();
    DeliveryState next;
    if (result.succeeded()) {
      next = claimed.finished(Status.SUCCEEDED, ended);
    } else if (retries.allowsAnother(claimed.attempts())) {
      next =
          claimed.retryAt(
              ended
                  + retries
                      .delay(claimed.attempts(), ThreadLocalRandom.current()::nextDouble)
                      .toMillis());
    } else {
      next = claimed.finished(Status.FAILED, ended);
    }
    String id = DeliveryIds.of(delivery.webhookId(), delivery.eventId());
    return Async.of(
            deliveries.transition(
                delivery.webhookId(), delivery.eventId(), claimed, next, Optional.of(result)))
        .compose(
            recorded -> {
              if (!recorded) {
                LOG.warn(
                    "webhook delivery {} attempt {}: another worker took it over (this worker's"
                        + " claim lapsed); its result is not recorded",
                    id,
                    result.number());
                return Future.succeededFuture();
              }
              count(id, delivery.topic(), authority, result, next);
              return next.status() == Status.PENDING
                  ? move(entry, next.nextAttemptAtMillis())
                  : drop(entry);
            });
  }

  private void count(
      String id, String topic, String authority, DeliveryAttempt result, DeliveryState next) {
    switch (next.status()) {
      case SUCCEEDED -> {
        succeeded.incrementAndGet();
        LOG.debug(
            "webhook delivery {} ({}) to {}: attempt {} answered {} in {} ms",
            id,
            topic,
            authority,
            result.number(),
            result.statusCode(),
            result.durationMillis());
      }
      case PENDING -> {
        retried.incrementAndGet();
        LOG.info(
            "webhook delivery {} ({}) to {}: attempt {} failed ({}); retrying in {} ms",
            id,
            topic,
            authority,
            result.number(),
            result.error(),
            next.nextAttemptAtMillis() - clock.millis());
      }
      case FAILED -> {
        failed.incrementAndGet();
        LOG.warn(
            "webhook delivery {} ({}) to {}: attempt {} failed ({}); given up",
            id,
            topic,
            authority,
            result.number(),
            result.error());
      }
    }
  }

  /** Fails a delivery that cannot be attempted any more (its webhook is gone). */
  private Future<Void> give(
      WebhookQueueRowKey entry, WebhookDeliveryRecord delivery, String why, long now) {
    DeliveryState seen = delivery.state();
    return Async.of(
            deliveries.transition(
                delivery.webhookId(),
                delivery.eventId(),
                seen,
                seen.finished(Status.FAILED, now),
                Optional.empty()))
        .compose(
            changed -> {
              if (changed) {
                failed.incrementAndGet();
                LOG.info(
                    "webhook delivery {}: {}; given up",
                    DeliveryIds.of(delivery.webhookId(), delivery.eventId()),
                    why);
              }
              return drop(entry);
            });
  }

  private Future<Void> move(WebhookQueueRowKey entry, long dueAtMillis) {
    if (entry.dueAtMillis() == dueAtMillis) {
      return Future.succeededFuture();
    }
    WebhookQueueRowKey later =
        new WebhookQueueRowKey(dueAtMillis, entry.webhookId(), entry.eventId());
    return Async.of(deliveries.enqueue(later)).compose(queued -> drop(entry));
  }

  private Future<Void> drop(WebhookQueueRowKey entry) {
    return Async.of(deliveries.dequeue(entry));
  }
}
