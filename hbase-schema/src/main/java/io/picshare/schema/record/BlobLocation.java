package io.picshare.schema.record;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where a photo's bytes live: {@code length} bytes at {@code offset} of the HDFS file {@code path}
 * (today one file per photo at offset 0; after packing, a range of a volume file). Stored as one
 * cell: {@code 0x01 (format) | offset (8) | length (8) | path (UTF-8)}.
 */
public record BlobLocation(String path, long offset, long length) {
  private static final byte FORMAT_V1 = 1;
  private static final int HEADER_LENGTH = 1 + Long.BYTES + Long.BYTES;

  public BlobLocation {
    requireNonNull(path, "path is null");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("path is empty");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
  }

  /** A whole file holding exactly one photo. */
  public static BlobLocation wholeFile(String path, long length) {
    return new BlobLocation(path, 0, length);
  }

  public byte[] encode() {
    byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(HEADER_LENGTH + pathBytes.length)
        .put(FORMAT_V1)
        .putLong(offset)
        .putLong(length)
        .put(pathBytes)
        .array();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} is not a valid encoding
   */
  public static BlobLocation decode(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    if (bytes.length <= HEADER_LENGTH || bytes[0] != FORMAT_V1) {
      throw new IllegalArgumentException("not a version-1 blob location");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    long offset = buffer.getLong();
    long length = buffer.getLong();
    String path =
        new String(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, StandardCharsets.UTF_8);
    return new BlobLocation(path, offset, length);
  }
}
