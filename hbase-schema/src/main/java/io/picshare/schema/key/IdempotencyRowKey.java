package io.picshare.schema.key;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Row key of {@code picshare:idempotency}: {@code salt(userId) | userId | key} where {@code key} is
 * the client's {@code Idempotency-Key} header, 1–128 visible ASCII characters (0x21–0x7E), so keys
 * are scoped per user and 10–137 bytes long.
 */
public record IdempotencyRowKey(long userId, String key) {
  public static final int MAX_KEY_LENGTH = 128;
  public static final int MIN_LENGTH = KeyCodec.PREFIX_LENGTH + 1;
  public static final int MAX_LENGTH = KeyCodec.PREFIX_LENGTH + MAX_KEY_LENGTH;

  public IdempotencyRowKey {
    KeyCodec.requireId(userId, "userId");
    requireNonNull(key, "key is null");
    if (!isValidKey(key)) {
      throw new IllegalArgumentException(
          "idempotency key must be 1-" + MAX_KEY_LENGTH + " visible ASCII characters");
    }
  }

  /** Whether {@code key} is an acceptable idempotency key. */
  public static boolean isValidKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
  }

  public byte[] encode() {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    return KeyCodec.allocateWithPrefix(userId, KeyCodec.PREFIX_LENGTH + keyBytes.length)
        .put(keyBytes)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code rowKey} is not a valid encoding
   */
  public static IdempotencyRowKey decode(byte[] rowKey) {
    KeyCodec.requireLength(rowKey, MIN_LENGTH, MAX_LENGTH, "idempotency row key");
    ByteBuffer buffer = ByteBuffer.wrap(rowKey);
    long userId = KeyCodec.readPrefix(buffer, "userId");
    byte[] keyBytes = new byte[buffer.remaining()];
    buffer.get(keyBytes);
    // Bytes outside 0x21-0x7E decode to characters the constructor rejects.
    return new IdempotencyRowKey(userId, new String(keyBytes, StandardCharsets.ISO_8859_1));
  }
}
