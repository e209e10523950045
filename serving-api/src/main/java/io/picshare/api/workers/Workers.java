package io.picshare.api.workers;

import io.picshare.api.config.ApiConfig;
import io.picshare.api.domain.photo.BlobStore;
import io.picshare.api.events.PhotoEvent;
import io.picshare.api.metrics.ApiMetrics;
import io.picshare.data.FeedStore;
import io.picshare.data.FollowStore;
import io.picshare.data.PhotoStore;
import io.picshare.data.UserStore;
import io.picshare.media.RenditionRenderer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The event consumers the {@code workers} role runs (docs/events.md): the feed fan-out (consumer
 * group {@code picshare-feed-fanout}) and the display renditions ({@code picshare-renditions}).
 * Other roles run none.
 */
public final class Workers implements AutoCloseable {
  public static final String FEED_FAN_OUT_GROUP = "picshare-feed-fanout";
  public static final String RENDITIONS_GROUP = "picshare-renditions";

  /**
   * A batch of renditions must finish within this: at most two photos per thread, each bounded by
   * the decode time limit and the 30 s store timeouts.
   */
  private static final Duration RENDITIONS_MAX_POLL_INTERVAL = Duration.ofMinutes(10);

  private final List<AutoCloseable> consumers;

  private Workers(List<AutoCloseable> consumers) {
    this.consumers = consumers;
  }

  public static Workers none() {
    return new Workers(List.of());
  }

  public static Workers start(
      ApiConfig config,
      UserStore users,
      FollowStore follows,
      FeedStore feeds,
      PhotoStore photos,
      BlobStore blobs,
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
    RenditionWorker renditions = renditions(config, photos, blobs, metrics);
    return new Workers(
        List.of(
            EventConsumer.start(
                config.storage().kafkaBootstrap(),
                FEED_FAN_OUT_GROUP,
                PhotoEvent.Type.UPLOADED.topic(),
                fanOut),
            EventConsumer.start(
                config.storage().kafkaBootstrap(),
                RENDITIONS_GROUP,
                PhotoEvent.Type.UPLOADED.topic(),
                renditions,
                new EventConsumer.PollSettings(
                    2 * config.renditions().threads(), RENDITIONS_MAX_POLL_INTERVAL)),
            renditions));
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
    for (AutoCloseable consumer : consumers) {
      try {
        consumer.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing a consumer failed", e);
      }
    }
  }
}
