package io.picshare.schema.key;

import java.nio.ByteBuffer;

/**
 * Row key of {@code picshare:photo_ids}, the photo id → owner lookup: {@code salt(photoId) |
 * photoId} (9 bytes, big-endian).
 */
public record PhotoIdRowKey(long photoId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH;

  public PhotoIdRowKey {
    KeyCodec.requireId(photoId, "photoId");
  }

  public byte[] encode() {
    return KeyCodec.prefix(photoId);
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static PhotoIdRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "photo id row key");
    return new PhotoIdRowKey(KeyCodec.readPrefix(ByteBuffer.wrap(key), "photoId"));
  }
}
