package io.picshare.schema.key;

import java.nio.ByteBuffer;

/** Row key of {@code picshare:users}: {@code salt(userId) | userId} (9 bytes, big-endian). */
public record UserRowKey(long userId) {
  public static final int LENGTH = KeyCodec.PREFIX_LENGTH;

  public UserRowKey {
    KeyCodec.requireId(userId, "userId");
  }

  public byte[] encode() {
    return KeyCodec.prefix(userId);
  }

  /**
   * @throws IllegalArgumentException if {@code key} is not a valid encoding
   */
  public static UserRowKey decode(byte[] key) {
    KeyCodec.requireLength(key, LENGTH, "user row key");
    return new UserRowKey(KeyCodec.readPrefix(ByteBuffer.wrap(key), "userId"));
  }
}
