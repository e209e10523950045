package io.picshare.api.events;

import io.picshare.api.storage.KafkaEventPublisher;
import io.picshare.api.storage.OutboxRepository;
import io.picshare.api.storage.PhotoRepository;
import io.picshare.schema.id.PublicIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to Kafka, every {@code interval}: publish, wait for the broker's
 * acknowledgement, then remove from the outbox. An event is written to the outbox just before
 * the photo change it announces; the relay publishes it only once that change is visible
 * (uploaded: the photo exists, or its deletion is pending too; deleted: it does not), and drops
 * it if the change never became
 * visible within {@link #GIVE_UP_AFTER}. While Kafka is down events wait; nothing is lost.
 */
public final class OutboxRelay implements AutoCloseable {
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
  /** Most passes look at the last minutes only; every {@link #FULL_PASS_EVERY}th pass at everything. */
  private static final Duration RECENT = Duration.ofMinutes(2);
  private static final int FULL_PASS_EVERY = 60;
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final OutboxRepository outbox;
  private final PhotoRepository photos;
  private final KafkaEventPublisher publisher;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private long passes;
  private long timerId = -1;
  private volatile Future<Integer> currentPass = Future.succeededFuture(0);

  public OutboxRelay(Vertx vertx, OutboxRepository outbox, PhotoRepository photos, KafkaEventPublisher publisher, Clock clock) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.photos = photos;
    this.publisher = publisher;
    this.clock = clock;
  }

  public void start(Duration interval) {
    timerId = vertx.setPeriodic(interval.toMillis(), id -> relayOnce());
  }

  /** One pass over the outbox; completes with the number of events published. Passes never overlap. */
  public Future<Integer> relayOnce() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    long since = passes++ % FULL_PASS_EVERY == 0 ? 0 : clock.millis() - RECENT.toMillis();
    Future<Integer> pass = outbox.pending(since, BATCH)
        .compose(this::relayAll)
        .onFailure(error -> LOG.warn("outbox relay pass failed, will retry: {}", error.toString()))
        .eventually(() -> {
          running.set(false);
          return Future.succeededFuture();
        });
    currentPass = pass;
    return pass;
  }

  /**
   * Stops the periodic passes, waits for the one running, then makes one last pass, so that the
   * events of requests that finished just before are published now rather than by another
   * instance or the next start; completes with the number that pass published.
   */
  public Future<Integer> stop() {
    close();
    return currentPass.transform(previous -> relayOnce());
  }

  /** Publishes in event-id (time) order, so a photo's upload is always published before its deletion. */
  private Future<Integer> relayAll(List<OutboxRepository.Entry> entries) {
    Set<String> deletedInBatch = entries.stream()
        .filter(entry -> PhotoEvent.Type.ofTopic(entry.topic()) == PhotoEvent.Type.DELETED)
        .map(OutboxRepository.Entry::key)
        .collect(Collectors.toSet());
    Future<Integer> published = Future.succeededFuture(0);
    for (OutboxRepository.Entry entry : entries.stream().sorted(Comparator.comparingLong(OutboxRepository.Entry::eventId)).toList()) {
      published = published.compose(count -> relay(entry, deletedInBatch).map(sent -> sent ? count + 1 : count));
    }
    return published;
  }

  private Future<Boolean> relay(OutboxRepository.Entry entry, Set<String> deletedInBatch) {
    PhotoEvent.Type type = PhotoEvent.Type.ofTopic(entry.topic());
    OptionalLong photoId = PublicIds.decode(entry.key());
    return photos.find(photoId.orElseThrow()).compose(photo -> {
      // An upload whose photo is already deleted again did happen: its deletion event is pending too.
      boolean visible = type == PhotoEvent.Type.UPLOADED
          ? photo.isPresent() || deletedInBatch.contains(entry.key())
          : photo.isEmpty();
      if (visible) {
        return publisher.publish(entry.topic(), entry.key(), entry.payload())
            .compose(ack -> outbox.remove(entry.eventId()))
            .map(removed -> {
              published.incrementAndGet();
              return true;
            });
      }
      if (clock.millis() - entry.createdAtMillis() > GIVE_UP_AFTER.toMillis()) {
        LOG.info("dropping {} event for photo {}: the change it announces never happened", entry.topic(), entry.key());
        return outbox.remove(entry.eventId()).map(false);
      }
      return Future.succeededFuture(false);
    });
  }

  /** Events this relay has published since it started. */
  public long published() {
    return published.get();
  }

  @Override
  public void close() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
