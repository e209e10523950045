package io.picshare.schema.key;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Row key of {@code picshare:photos}: {@code salt(userId) | userId | Long.MAX_VALUE - photoId} (17
 * bytes, big-endian). All of a user's photos share the 9-byte {@link #userPrefix} and, because
 * photo ids are time-ordered, a forward scan returns them newest first.
 */
public record UserPhotoRowKey(long userId, long photoId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH + Long.BYTES;

  public UserPhotoRowKey {
    KeyCodec.requireId(userId, "userId");
    KeyCodec.requireId(photoId, "photoId");
  }

  public byte[] encode() {
    return KeyCodec.allocateWithPrefix(userId, LENGTH).putLong(Long.MAX_VALUE - photoId).array();
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static UserPhotoRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "user photo row key");
    ByteBuffer buffer = ByteBuffer.wrap(key);
    long userId = KeyCodec.readPrefix(buffer, "userId");
    long reversedPhotoId = buffer.getLong();
    if (reversedPhotoId < 0) {
      throw new IllegalArgumentException("reversed photo id in row key is negative");
    }
    return new UserPhotoRowKey(userId, Long.MAX_VALUE - reversedPhotoId);
  }

  /** The 9-byte prefix shared by every photo key of {@code userId} and by no other user's keys. */
  public static byte[] userPrefix(long userId) {
    KeyCodec.requireId(userId, "userId");
    return KeyCodec.prefix(userId);
  }

  /**
   * The smallest row strictly after all photo keys of {@code userId}: the exclusive stop row of a
   * scan over that user's photos (use it with {@link #startAfter}, since a prefix scan would reset
   * the start row).
   */
  public static byte[] userStopRow(long userId) {
    byte[] stop = userPrefix(userId);
    for (int i = stop.length - 1; i >= 0; i--) {
      if (++stop[i] != 0) {
        return stop; // no carry out of this byte
      }
    }
    throw new AssertionError("a non-negative user id never makes the prefix all 0xFF");
  }

  /**
   * The inclusive start row for the page of {@code userId}'s photos that follows {@code photoId}
   * (cursor pagination, newest first): the smallest row greater than that photo's key, i.e. its key
   * followed by one zero byte. The next row returned is the newest photo older than {@code
   * photoId}.
   */
  public static byte[] startAfter(long userId, long photoId) {
    byte[] key = new UserPhotoRowKey(userId, photoId).encode();
    return Arrays.copyOf(key, key.length + 1);
  }
}
