package io.picshare.api.workers;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.domain.photo.BlobStore;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.storage.SolrPhotoIndex;
import io.picshare.api.workers.webhook.WebhookWorkers;
import io.picshare.data.FeedStore;
import io.picshare.data.FollowStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.data.WebhookDeliveryStore;
import io.picshare.data.WebhookStore;
import io.picshare.media.RenditionRenderer;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event consumers the {@code workers} role runs (docs/events.md), each in its own consumer
 * group: the feed fan-out ({@code picshare-feed-fanout}), the search indexer ({@code
 * picshare-search-index}), the display renditions ({@code picshare-renditions}) and the webhooks
 * ({@code picshare-webhooks}, with their delivery scheduler). Other roles run none.
 */
public final class Workers implements AutoCloseable {
  public static final String FEED_FAN_OUT_GROUP = "picshare-feed-fanout";
  public static final String SEARCH_INDEX_GROUP = "picshare-search-index";
  public static final String RENDITIONS_GROUP = "picshare-renditions";

  /**
   * A batch of renditions must finish within this: at most two photos per thread, each bounded by
   * the decode time limit and the 30 s store timeouts.
   */
  private static final Duration RENDITIONS_MAX_POLL_INTERVAL = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

  private final List<AutoCloseable> parts;

  private Workers(List<AutoCloseable> parts) {
    this.parts = parts;
  }

  public static Workers none() {
    return new Workers(List.of());
  }

  public static Workers start(
      ApiConfig config,
      UserStore users,
      PhotoStore photos,
      FollowStore follows,
      FeedStore feeds,
      BlobStore blobs,
      SolrPhotoIndex index,
      WebhookStore webhooks,
      WebhookDeliveryStore deliveries,
      Vertx vertx,
      Clock clock,
      ApiMetrics metrics) {
    FeedFanOut fanOut = new FeedFanOut(users, follows, feeds, config.feed().celebrityFollowers());
    metrics.count(
        "picshare.feed.fanned.out",
        "photos put into their followers' inboxes",
        fanOut,
        FeedFanOut::fannedOut);
    metrics.count(
        "picshare.feed.pulled",
        "photos of celebrities left to the read-time pull",
        fanOut,
        FeedFanOut::pulled);
    SearchIndexer indexer = new SearchIndexer(photos, users, index);
    metrics.count(
        "picshare.search.indexed",
        "photo documents written to Solr",
        indexer,
        SearchIndexer::indexed);
    metrics.count(
        "picshare.search.removed",
        "documents of deleted photos removed from Solr",
        indexer,
        SearchIndexer::removed);
    metrics.count(
        "picshare.search.skipped",
        "events the indexer skipped because they named no photo",
        indexer,
        SearchIndexer::skipped);
    String kafka = config.storage().kafkaBootstrap();
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(
        EventConsumer.start(kafka, FEED_FAN_OUT_GROUP, PhotoEvent.Type.UPLOADED.topic(), fanOut));
    parts.add(EventConsumer.start(kafka, SEARCH_INDEX_GROUP, SearchIndexer.TOPICS, indexer));
    RenditionWorker renditions = renditions(config, photos, blobs, metrics);
    parts.add(
        EventConsumer.start(
            kafka,
            RENDITIONS_GROUP,
            List.of(PhotoEvent.Type.UPLOADED.topic()),
            renditions,
            new EventConsumer.PollSettings(
                2 * config.renditions().threads(), RENDITIONS_MAX_POLL_INTERVAL)));
    parts.add(renditions); // after its consumer, which may still be handing it a batch
    parts.add(WebhookWorkers.start(vertx, config, webhooks, deliveries, clock, metrics));
    return new Workers(parts);
  }

  private static RenditionWorker renditions(
      ApiConfig config, PhotoStore photos, BlobStore blobs, ApiMetrics metrics) {
    RenditionWorker worker =
        new RenditionWorker(
            photos,
            blobs,
            new RenditionRenderer(
                config.upload().maxPixels(),
                config.renditions().timeLimit(),
                RenditionRenderer.DEFAULT_QUALITY),
            config.renditions().threads(),
            new SecureRandom()::nextLong);
    metrics.count(
        "picshare.renditions.built",
        "photos whose display renditions were built and recorded",
        worker,
        RenditionWorker::built);
    metrics.count(
        "picshare.renditions.failed",
        "photos recorded as failed: their image cannot be rendered",
        worker,
        RenditionWorker::failed);
    metrics.count(
        "picshare.renditions.skipped",
        "photo-uploaded events skipped: renditions or a failure already recorded, or photo gone",
        worker,
        RenditionWorker::skipped);
    metrics.count(
        "picshare.renditions.render.seconds",
        "time spent decoding, resizing and encoding renditions",
        worker,
        RenditionWorker::renderSeconds);
    return worker;
  }

  /** Stops every consumer after the batch in hand, then the renditions' threads. */
  @Override
  public void close() {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed", part.getClass().getSimpleName(), e);
      }
    }
  }
}
