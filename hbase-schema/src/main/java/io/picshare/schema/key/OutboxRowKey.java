package io.picshare.schema.key;

import java.nio.ByteBuffer;

/**
 * Row key of {@code picshare:outbox}: {@code salt(aggregateId) | aggregateId | eventId} (17 bytes,
 * big-endian). The aggregate is what the event is about (a photo id for photo events), so one
 * aggregate's events are adjacent and in event-id order: a relay scanning in key order meets them
 * in the order they happened, while different aggregates spread over all regions.
 */
public record OutboxRowKey(long aggregateId, long eventId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH + Long.BYTES;

  public OutboxRowKey {
    KeyCodec.requireId(aggregateId, "aggregateId");
    KeyCodec.requireId(eventId, "eventId");
  }

  public byte[] encode() {
    return KeyCodec.allocateWithPrefix(aggregateId, LENGTH).putLong(eventId).array();
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static OutboxRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "outbox row key");
    ByteBuffer buffer = ByteBuffer.wrap(key);
    long aggregateId = KeyCodec.readPrefix(buffer, "aggregateId");
    long eventId = buffer.getLong();
    return new OutboxRowKey(aggregateId, KeyCodec.requireId(eventId, "eventId"));
  }
}
