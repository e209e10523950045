package io.picshare.api.workers.webhook;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.config.WebhookConfig;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.workers.EventConsumer;
import io.picshare.data.WebhookDeliveryStore;
import io.picshare.data.WebhookStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook side of the {@code workers} role: the {@code picshare-webhooks} consumer group
 * turning events into pending deliveries ({@link WebhookFanOut}) and the {@link DeliveryScheduler}
 * running them, each on its own thread, so a slow receiver never holds up the consumer, nor the
 * consumer a delivery.
 */
public final class WebhookWorkers implements AutoCloseable {
  public static final String GROUP = "picshare-webhooks";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorkers.class);
  private static final long UNDEPLOY_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final EventConsumer consumer;
  private final Future<String> scheduler;

  private WebhookWorkers(Vertx vertx, EventConsumer consumer, Future<String> scheduler) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.scheduler = scheduler;
  }

  public static WebhookWorkers start(
      Vertx vertx,
      ApiConfig config,
      WebhookStore webhooks,
      WebhookDeliveryStore deliveries,
      Clock clock,
      ApiMetrics metrics) {
    WebhookConfig settings = config.webhooks();
    WebhookFanOut fanOut =
        new WebhookFanOut(
            webhooks, deliveries, settings.moderation().isPresent(), settings.maxPerUser(), clock);
    DeliveryScheduler runner = new DeliveryScheduler(settings, webhooks, deliveries, clock);
    metrics.count(
        "picshare.webhook.deliveries.scheduled",
        "webhook deliveries created from events",
        fanOut,
        WebhookFanOut::scheduled);
    metrics.count(
        "picshare.webhook.deliveries.succeeded",
        "webhook deliveries a receiver accepted (2xx)",
        runner,
        DeliveryScheduler::succeeded);
    metrics.count(
        "picshare.webhook.deliveries.retried",
        "webhook attempts that failed and will be retried",
        runner,
        DeliveryScheduler::retried);
    metrics.count(
        "picshare.webhook.deliveries.failed",
        "webhook deliveries given up (attempts exhausted or webhook deleted)",
        runner,
        DeliveryScheduler::failed);
    metrics.count(
        "picshare.webhook.attempts",
        "webhook delivery attempts made",
        runner,
        DeliveryScheduler::attempts);
    settings
        .moderation()
        .ifPresent(hook -> LOG.info("every photo-uploaded event also goes to {}", hook));
    Future<String> deployed =
        vertx
            .deployVerticle(runner)
            .onFailure(error -> LOG.error("the webhook delivery scheduler did not start", error));
    return new WebhookWorkers(
        vertx,
        EventConsumer.start(config.storage().kafkaBootstrap(), GROUP, WebhookFanOut.TOPICS, fanOut),
        deployed);
  }

  /** Stops the consumer after the batch in hand and the scheduler (attempts in flight lapse). */
  @Override
  public void close() {
    consumer.close();
    try {
      scheduler.compose(vertx::undeploy).await(UNDEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("the webhook delivery scheduler did not stop within {} s", UNDEPLOY_TIMEOUT_SECONDS);
    } catch (RuntimeException e) {
      LOG.warn("the webhook delivery scheduler did not stop cleanly: {}", e.toString());
    }
  }
}
