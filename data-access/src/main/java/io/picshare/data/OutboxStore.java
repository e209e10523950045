package io.picshare.data;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Events waiting to be published, stored beside the data they describe so that recording an event
 * never depends on Kafka. One aggregate's events (a photo's) are kept together in event order.
 */
public interface OutboxStore {
  /** One pending event: what it is about, its Kafka topic, key and payload. */
  record Entry(
      long aggregateId,
      long eventId,
      String topic,
      String key,
      byte[] payload,
      long createdAtMillis) {
    public Entry {
      requireNonNull(topic, "topic is null");
      requireNonNull(key, "key is null");
      requireNonNull(payload, "payload is null");
    }
  }

  /** A stored outbox row: decoded, or not decodable (to be moved aside). */
  sealed interface Pending {
    /** Where the row is in key order, for paging and for moving it aside. */
    byte[] position();

    record Decoded(byte[] position, Entry entry) implements Pending {}

    record Undecodable(byte[] position, String reason) implements Pending {}
  }

  CompletableFuture<Void> append(Entry entry);

  /**
   * Up to {@code limit} pending rows in key order (each aggregate's events together, in event
   * order), from {@code from} (inclusive) or from the start.
   */
  CompletableFuture<List<Pending>> pending(Optional<byte[]> from, int limit);

  CompletableFuture<Void> remove(Entry entry);

  /** Removes the entries (published, or given up on). */
  CompletableFuture<Void> removeAll(List<Entry> entries);

  /**
   * Moves the row at {@code position} to the dead letters with {@code reason}; the relay never sees
   * it again.
   */
  CompletableFuture<Void> deadLetter(byte[] position, String reason);
}
