package io.picshare.schema.key;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Row key of one user's list of time-ordered ids, newest first: {@code salt(ownerId) | ownerId |
 * Long.MAX_VALUE - itemId} (17 bytes, big-endian), the shape of {@link UserPhotoRowKey}. Used by
 * {@code picshare:following} and {@code picshare:followers} (item: the follow's edge id) and {@code
 * picshare:inbox} (item: a photo id). Tall and narrow: a user with millions of followers has
 * millions of small rows, spread over regions by the row count, never one giant row.
 */
public record NewestFirstRowKey(long ownerId, long itemId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH + Long.BYTES;

  public NewestFirstRowKey {
    KeyCodec.requireId(ownerId, "ownerId");
    KeyCodec.requireId(itemId, "itemId");
  }

  public byte[] encode() {
    return KeyCodec.allocateWithPrefix(ownerId, LENGTH).putLong(Long.MAX_VALUE - itemId).array();
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static NewestFirstRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "newest-first row key");
    ByteBuffer buffer = ByteBuffer.wrap(key);
    long ownerId = KeyCodec.readPrefix(buffer, "ownerId");
    long reversed = buffer.getLong();
    if (reversed < 0) {
      throw new IllegalArgumentException("reversed item id in row key is negative");
    }
    return new NewestFirstRowKey(ownerId, Long.MAX_VALUE - reversed);
  }

  /** The inclusive start row of {@code ownerId}'s list: its newest item comes first. */
  public static byte[] start(long ownerId) {
    KeyCodec.requireId(ownerId, "ownerId");
    return KeyCodec.prefix(ownerId);
  }

  /** The inclusive start row of the items of {@code ownerId} older than {@code itemId}. */
  public static byte[] startAfter(long ownerId, long itemId) {
    byte[] key = new NewestFirstRowKey(ownerId, itemId).encode();
    return Arrays.copyOf(key, key.length + 1);
  }

  /** The start row of a page of {@code ownerId}'s list: after {@code before} if given. */
  public static byte[] pageStart(long ownerId, OptionalLong before) {
    return before.isPresent() ? startAfter(ownerId, before.getAsLong()) : start(ownerId);
  }

  /** The exclusive stop row of {@code ownerId}'s list. */
  public static byte[] stop(long ownerId) {
    return UserPhotoRowKey.userStopRow(ownerId);
  }
}
