package io.picshare.schema.key;

import java.nio.ByteBuffer;

/** Pieces shared by the row-key codecs: the {@code salt(id) | id} prefix (9 bytes) and checks. */
final class KeyCodec {
  static final int PREFIX_LENGTH = 1 + Long.BYTES;

  private KeyCodec() {}

  static long requireId(long id, String name) {
    if (id < 0) {
      throw new IllegalArgumentException(name + " is negative: " + id);
    }
    return id;
  }

  static byte[] prefix(long id) {
    return ByteBuffer.allocate(PREFIX_LENGTH).put(Salt.of(id)).putLong(id).array();
  }

  static ByteBuffer allocateWithPrefix(long id, int length) {
    return ByteBuffer.allocate(length).put(Salt.of(id)).putLong(id);
  }

  /** Reads and checks the salted id at the start of {@code key}, advancing the buffer. */
  static long readPrefix(ByteBuffer key, String name) {
    byte salt = key.get();
    long id = key.getLong();
    if (id < 0) {
      throw new IllegalArgumentException(name + " in row key is negative: " + id);
    }
    if (salt != Salt.of(id)) {
      throw new IllegalArgumentException(
          String.format("row key salt 0x%02x does not match %s %d", salt & 0xFF, name, id));
    }
    return id;
  }

  static void requireLength(byte[] key, int expected, String what) {
    requireLength(key, expected, expected, what);
  }

  static void requireLength(byte[] key, int min, int max, String what) {
    if (key == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (key.length < min || key.length > max) {
      String expected = min == max ? Integer.toString(min) : min + ".." + max;
      throw new IllegalArgumentException(
          what + " must be " + expected + " bytes, was " + key.length);
    }
  }
}
