package io.picshare.api.workers;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.api.storage.SolrPhotoIndex;
import io.picshare.data.FeedStore;
import io.picshare.data.FollowStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import java.util.List;

/**
 * The event consumers the {@code workers} role runs (docs/events.md), each in its own consumer
 * group: the feed fan-out ({@code picshare-feed-fanout}) and the search indexer ({@code
 * picshare-search-index}). Other roles run none.
 */
public final class Workers implements AutoCloseable {
  public static final String FEED_FAN_OUT_GROUP = "picshare-feed-fanout";
  public static final String SEARCH_INDEX_GROUP = "picshare-search-index";

  private final List<EventConsumer> consumers;

  private Workers(List<EventConsumer> consumers) {
    this.consumers = consumers;
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
    return new Workers(
        List.of(
            EventConsumer.start(
                kafka, FEED_FAN_OUT_GROUP, PhotoEvent.Type.UPLOADED.topic(), fanOut),
            EventConsumer.start(kafka, SEARCH_INDEX_GROUP, SearchIndexer.TOPICS, indexer)));
  }

  /** Stops every consumer after the batch in hand. */
  @Override
  public void close() {
    consumers.forEach(EventConsumer::close);
  }
}
