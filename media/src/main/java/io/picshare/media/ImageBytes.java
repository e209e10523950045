package io.picshare.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Bounds-checked reads over the bytes of an upload being parsed as {@code format}: a read past the
 * end becomes a MALFORMED rejection instead of an index exception. One instance per inspection.
 */
final class ImageBytes {
  private final byte[] bytes;
  private final ImageFormat format;
  private final CRC32 crc = new CRC32();

  ImageBytes(byte[] bytes, ImageFormat format) {
    this.bytes = bytes;
    this.format = format;
  }

  /** The four ASCII characters of a PNG chunk type or RIFF FourCC as a big-endian int. */
  static int tag(String fourCharacters) {
    byte[] ascii = fourCharacters.getBytes(StandardCharsets.US_ASCII);
    if (ascii.length != 4) {
      throw new IllegalArgumentException("a tag has four characters: " + fourCharacters);
    }
    return (ascii[0] & 0xFF) << 24
        | (ascii[1] & 0xFF) << 16
        | (ascii[2] & 0xFF) << 8
        | ascii[3] & 0xFF;
  }

  int length() {
    return bytes.length;
  }

  int u8(int offset) {
    require(offset, 1);
    return bytes[offset] & 0xFF;
  }

  int u16be(int offset) {
    require(offset, 2);
    return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
  }

  int u16le(int offset) {
    require(offset, 2);
    return bytes[offset] & 0xFF | (bytes[offset + 1] & 0xFF) << 8;
  }

  int u24le(int offset) {
    require(offset, 3);
    return bytes[offset] & 0xFF
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16;
  }

  /** Four bytes big-endian as a signed int: use for tags, or mask with 0xFFFFFFFFL. */
  int s32be(int offset) {
    require(offset, 4);
    return (bytes[offset] & 0xFF) << 24
        | (bytes[offset + 1] & 0xFF) << 16
        | (bytes[offset + 2] & 0xFF) << 8
        | bytes[offset + 3] & 0xFF;
  }

  long u32be(int offset) {
    return s32be(offset) & 0xFFFFFFFFL;
  }

  long u32le(int offset) {
    require(offset, 4);
    return (bytes[offset] & 0xFFL)
        | (bytes[offset + 1] & 0xFFL) << 8
        | (bytes[offset + 2] & 0xFFL) << 16
        | (bytes[offset + 3] & 0xFFL) << 24;
  }

  /** Whether {@code expected} occurs at {@code offset}; false when it would run past the end. */
  boolean hasAt(int offset, byte[] expected) {
    return offset >= 0
        && offset <= bytes.length - expected.length
        && Arrays.equals(bytes, offset, offset + expected.length, expected, 0, expected.length);
  }

  /** The first offset at or after {@code from} holding {@code value}, or -1. */
  int indexOf(int value, int from) {
    byte target = (byte) value;
    for (int i = Math.max(from, 0); i < bytes.length; i++) {
      if (bytes[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /** The CRC-32 of {@code length} bytes at {@code offset}, as PNG chunks carry it. */
  int crc32(int offset, int length) {
    require(offset, length);
    crc.reset();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  byte[] copy(int offset, int length) {
    require(offset, length);
    byte[] copy = new byte[length];
    System.arraycopy(bytes, offset, copy, 0, length);
    return copy;
  }

  /** Returns {@code end} as an offset after checking that the data up to it is present. */
  int requireEnd(long end) {
    if (end < 0 || end > bytes.length) {
      throw truncated();
    }
    return (int) end;
  }

  ImageRejectedException malformed(String detail) {
    return ImageRejectedException.malformed(format, detail);
  }

  private void require(int offset, int count) {
    if (offset < 0 || count < 0 || offset > bytes.length - count) {
      throw truncated();
    }
  }

  private ImageRejectedException truncated() {
    return malformed("the file ends unexpectedly");
  }
}
