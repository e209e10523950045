package io.picshare.schema.key;

import java.nio.ByteBuffer;

/** Row key of {@code picshare:outbox}: {@code salt(eventId) | eventId} (9 bytes, big-endian). */
public record OutboxRowKey(long eventId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH;

  public OutboxRowKey {
    KeyCodec.requireId(eventId, "eventId");
  }

  public byte[] encode() {
    return KeyCodec.prefix(eventId);
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static OutboxRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "outbox row key");
    return new OutboxRowKey(KeyCodec.readPrefix(ByteBuffer.wrap(key), "eventId"));
  }
}
