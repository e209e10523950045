package io.picshare.api.workers;

import io.picshare.api.config.ApiConfig;
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
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event consumers the {@code workers} role runs (docs/events.md), each in its own consumer
 * group: the feed fan-out ({@code picshare-feed-fanout}), the search indexer ({@code
 * picshare-search-index}) and the webhooks ({@code picshare-webhooks}, with their delivery
 * scheduler). Other roles run none.
 */
public final class Workers implements AutoCloseable {
  public static final String FEED_FAN_OUT_GROUP = "picshare-feed-fanout";
  public static final String SEARCH_INDEX_GROUP = "picshare-search-index";

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
    parts.add(WebhookWorkers.start(vertx, config, webhooks, deliveries, clock, metrics));
    return new Workers(parts);
  }

  /** Stops every consumer after the batch in hand. */
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
