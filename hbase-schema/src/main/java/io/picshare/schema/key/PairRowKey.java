package io.picshare.schema.key;

import java.nio.ByteBuffer;

/**
 * Row key of a relation between two ids, {@code salt(ownerId) | ownerId | memberId} (17 bytes,
 * big-endian): in {@code picshare:follows} (follower, followee) and {@code picshare:likes} (photo,
 * user). One row per pair, so a relation is found, written and removed by one conditional write,
 * and all pairs of one owner are adjacent (prefix {@link #ownerPrefix}).
 */
public record PairRowKey(long ownerId, long memberId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH + Long.BYTES;

  public PairRowKey {
    KeyCodec.requireId(ownerId, "ownerId");
    KeyCodec.requireId(memberId, "memberId");
  }

  public byte[] encode() {
    return KeyCodec.allocateWithPrefix(ownerId, LENGTH).putLong(memberId).array();
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static PairRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "pair row key");
    ByteBuffer buffer = ByteBuffer.wrap(key);
    long ownerId = KeyCodec.readPrefix(buffer, "ownerId");
    return new PairRowKey(ownerId, KeyCodec.requireId(buffer.getLong(), "memberId"));
  }

  /** The 9-byte prefix shared by every pair of {@code ownerId}. */
  public static byte[] ownerPrefix(long ownerId) {
    KeyCodec.requireId(ownerId, "ownerId");
    return KeyCodec.prefix(ownerId);
  }
}
