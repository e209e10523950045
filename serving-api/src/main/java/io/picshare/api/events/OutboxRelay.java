package io.picshare.api.events;

import static java.util.Objects.requireNonNull;

import io.picshare.api.domain.Async;
import io.picshare.api.storage.KafkaEventPublisher;
import io.picshare.data.OutboxStore;
import io.picshare.data.OutboxStore.Entry;
import io.picshare.data.OutboxStore.Pending;
import io.picshare.data.PhotoState;
import io.picshare.data.PhotoStore;
import io.picshare.data.lease.LeaseHolder;
import io.picshare.schema.key.OutboxRowKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the outbox to Kafka. One relay is active at a time (lease {@code
 * outbox-relay}); every {@code interval} it reads the outbox in key order, where each photo's
 * events are together and in the order they happened, and publishes them: photos concurrently, one
 * photo's events one after the other, each only once the change it announces is visible (uploaded:
 * the photo was committed; deleted: the photo carries this event's deletion mark). A photo's later
 * events wait behind one that is not visible yet. Published events are then removed. An entry that
 * cannot be decoded, or has an unknown type, is moved to the dead letters; one whose change never
 * became visible within {@link #GIVE_UP_AFTER} is dropped.
 */
public final class OutboxRelay implements AutoCloseable {
  static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
  static final String LEASE = "outbox-relay";
  private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int PAGE = 500;
  private static final int MAX_PAGES_PER_PASS = 20;

  private final Vertx vertx;
  private final OutboxStore outbox;
  private final PhotoStore photos;
  private final KafkaEventPublisher publisher;
  private final LeaseHolder leases;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile Optional<LeaseHolder.Held> lease = Optional.empty();
  private long timerId = -1;
  private volatile Future<Integer> currentPass = Future.succeededFuture(0);

  public OutboxRelay(
      Vertx vertx,
      OutboxStore outbox,
      PhotoStore photos,
      KafkaEventPublisher publisher,
      LeaseHolder leases,
      Clock clock) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.outbox = requireNonNull(outbox, "outbox is null");
    this.photos = requireNonNull(photos, "photos is null");
    this.publisher = requireNonNull(publisher, "publisher is null");
    this.leases = requireNonNull(leases, "leases is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void start(Duration interval) {
    timerId = vertx.setPeriodic(interval.toMillis(), id -> relayOnce());
  }

  /**
   * One pass over the outbox if this relay is the active one; completes with the events published.
   */
  public Future<Integer> relayOnce() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    Future<Integer> pass =
        lead()
            .compose(
                leading -> leading ? relayFrom(Optional.empty(), 0, 0) : Future.succeededFuture(0))
            .onFailure(
                error -> LOG.warn("outbox relay pass failed, will retry: {}", error.toString()))
            .eventually(
                () -> {
                  running.set(false);
                  return Future.succeededFuture();
                });
    currentPass = pass;
    return pass;
  }

  /**
   * Stops the periodic passes, waits for the one running, then makes one last pass, so that the
   * events of requests that finished just before are published now rather than by another instance
   * or the next start; completes with the number that pass published.
   */
  public Future<Integer> stop() {
    boolean wasRunning = timerId >= 0;
    cancelTimer();
    Future<Integer> lastPass =
        wasRunning ? currentPass.transform(previous -> relayOnce()) : Future.succeededFuture(0);
    return lastPass.compose(published -> releaseLease().map(published));
  }

  /** Takes or renews the relay lease; true while this relay may publish. */
  private Future<Boolean> lead() {
    Optional<LeaseHolder.Held> current = lease;
    Future<Optional<LeaseHolder.Held>> next =
        Async.of(
            current.isPresent() ? leases.renew(current.get(), 0) : leases.tryAcquire(LEASE, 0));
    return next.map(
            held -> {
              if (held.isPresent() != current.isPresent()) {
                LOG.info(
                    held.isPresent()
                        ? "this instance is now the active outbox relay"
                        : "lost the outbox relay lease");
              }
              lease = held;
              return held.isPresent() && System.nanoTime() - held.get().safeUntilNanos() < 0;
            })
        .otherwise(
            error -> {
              LOG.warn("outbox relay lease not renewed: {}", error.toString());
              return current.isPresent() && System.nanoTime() - current.get().safeUntilNanos() < 0;
            });
  }

  private Future<Integer> relayFrom(Optional<byte[]> from, int pages, int total) {
    return Async.of(outbox.pending(from, PAGE))
        .compose(
            page -> {
              boolean full = page.size() == PAGE;
              List<Pending> rows = page;
              Optional<byte[]> resume = Optional.empty();
              if (full) {
                // The last photo's events may continue on the next page: leave them all for it.
                int tail = firstOfLastAggregate(page);
                if (tail > 0) {
                  rows = page.subList(0, tail);
                  resume = Optional.of(page.get(tail).position());
                } else {
                  resume = Optional.of(nextPosition(page.get(page.size() - 1).position()));
                }
              }
              Optional<byte[]> continueAt = resume;
              return relayPage(rows)
                  .compose(
                      count ->
                          continueAt.isPresent() && pages + 1 < MAX_PAGES_PER_PASS
                              ? relayFrom(continueAt, pages + 1, total + count)
                              : Future.succeededFuture(total + count));
            });
  }

  private static int firstOfLastAggregate(List<Pending> page) {
    Long last = aggregate(page.get(page.size() - 1));
    int index = page.size() - 1;
    while (index > 0 && last != null && last.equals(aggregate(page.get(index - 1)))) {
      index--;
    }
    return index;
  }

  private static Long aggregate(Pending pending) {
    return pending instanceof Pending.Decoded decoded ? decoded.entry().aggregateId() : null;
  }

  /** The smallest row key after {@code position}: the key with a zero byte appended. */
  private static byte[] nextPosition(byte[] position) {
    return Arrays.copyOf(position, position.length + 1);
  }

  private Future<Integer> relayPage(List<Pending> rows) {
    Map<Long, List<Entry>> byAggregate = new LinkedHashMap<>();
    List<Future<?>> work = new ArrayList<>();
    for (Pending row : rows) {
      if (row instanceof Pending.Undecodable undecodable) {
        work.add(deadLetter(undecodable.position(), undecodable.reason()));
      } else {
        Entry entry = ((Pending.Decoded) row).entry();
        byAggregate.computeIfAbsent(entry.aggregateId(), id -> new ArrayList<>()).add(entry);
      }
    }
    List<Entry> done = Collections.synchronizedList(new ArrayList<>());
    AtomicLong sent = new AtomicLong();
    byAggregate.values().forEach(events -> work.add(relayInOrder(events, done, sent)));
    return Future.join(work)
        .transform(finished -> Async.of(outbox.removeAll(List.copyOf(done))))
        .map(
            removed -> {
              published.addAndGet(sent.get());
              return (int) sent.get();
            });
  }

  /** One photo's events, in order; stops at the first that cannot be published yet. */
  private Future<Void> relayInOrder(List<Entry> events, List<Entry> done, AtomicLong sent) {
    return Async.of(photos.state(events.get(0).aggregateId()))
        .compose(
            state -> {
              Future<Boolean> chain = Future.succeededFuture(true);
              for (Entry entry : events) {
                chain =
                    chain.compose(
                        goOn ->
                            goOn ? relay(entry, state, done, sent) : Future.succeededFuture(false));
              }
              return chain.mapEmpty();
            });
  }

  /**
   * Publishes, drops or holds one entry; completes with whether the photo's later events may
   * follow.
   */
  private Future<Boolean> relay(Entry entry, PhotoState state, List<Entry> done, AtomicLong sent) {
    if (SocialEvent.isSocial(entry.topic())) {
      // appended only after the change it announces: visible as soon as it is in the outbox
      return publish(entry, done, sent);
    }
    PhotoEvent.Type type;
    try {
      type = PhotoEvent.Type.ofTopic(entry.topic());
    } catch (IllegalArgumentException unknown) {
      return deadLetter(
              new OutboxRowKey(entry.aggregateId(), entry.eventId()).encode(),
              "unknown event type " + entry.topic())
          .map(true);
    }
    boolean visible =
        type == PhotoEvent.Type.UPLOADED
            ? !(state instanceof PhotoState.Absent)
            : state instanceof PhotoState.Deleted deleted
                && deleted.deletionEventId() == entry.eventId();
    if (visible) {
      return publish(entry, done, sent);
    }
    boolean never = type == PhotoEvent.Type.DELETED && state instanceof PhotoState.Deleted;
    if (never || clock.millis() - entry.createdAtMillis() > GIVE_UP_AFTER.toMillis()) {
      LOG.info(
          "dropping {} event {} for photo {}: the change it announces did not happen",
          entry.topic(),
          entry.eventId(),
          entry.key());
      done.add(entry);
      return Future.succeededFuture(true);
    }
    return Future.succeededFuture(false);
  }

  private Future<Boolean> publish(Entry entry, List<Entry> done, AtomicLong sent) {
    return publisher
        .publish(entry.topic(), entry.key(), entry.payload())
        .map(
            ack -> {
              done.add(entry);
              sent.incrementAndGet();
              return true;
            });
  }

  private Future<Void> deadLetter(byte[] position, String reason) {
    LOG.error(
        "moving outbox entry {} to the dead letters: {}",
        HexFormat.of().formatHex(position),
        reason);
    return Async.of(outbox.deadLetter(position, reason))
        .onSuccess(moved -> deadLettered.incrementAndGet());
  }

  /** Events this relay has published since it started. */
  public long published() {
    return published.get();
  }

  /** Outbox entries this relay moved to the dead letters since it started. */
  public long deadLettered() {
    return deadLettered.get();
  }

  /** Stops at once, without a last pass, and lets another instance take over the relay. */
  @Override
  public void close() {
    cancelTimer();
    releaseLease();
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /**
   * Gives the relay lease up (if held), so another instance takes over at once rather than after
   * its ttl.
   */
  private Future<Void> releaseLease() {
    Optional<LeaseHolder.Held> held = lease;
    lease = Optional.empty();
    return held.isEmpty()
        ? Future.succeededFuture()
        : Async.of(leases.release(held.get())).<Void>mapEmpty().otherwiseEmpty();
  }
}
