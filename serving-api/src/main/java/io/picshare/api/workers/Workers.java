package io.picshare.api.workers;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.data.FeedStore;
import io.picshare.data.FollowStore;
import io.picshare.data.UserStore;
import java.util.List;

/**
 * The event consumers the {@code workers} role runs (docs/events.md): today the feed fan-out, in
 * consumer group {@code picshare-feed-fanout}. Other roles run none.
 */
public final class Workers implements AutoCloseable {
  public static final String FEED_FAN_OUT_GROUP = "picshare-feed-fanout";

  private final List<EventConsumer> consumers;

  private Workers(List<EventConsumer> consumers) {
    this.consumers = consumers;
  }

  public static Workers none() {
    return new Workers(List.of());
  }

  public static Workers start(
      ApiConfig config, UserStore users, FollowStore follows, FeedStore feeds, ApiMetrics metrics) {
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
    return new Workers(
        List.of(
            EventConsumer.start(
                config.storage().kafkaBootstrap(),
                FEED_FAN_OUT_GROUP,
                PhotoEvent.Type.UPLOADED.topic(),
                fanOut)));
  }

  /** Stops every consumer after the batch in hand. */
  @Override
  public void close() {
    consumers.forEach(EventConsumer::close);
  }
}
