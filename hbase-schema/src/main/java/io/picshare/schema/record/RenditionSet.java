package io.picshare.schema.record;

import static java.util.Objects.requireNonNull;

import io.picshare.media.DisplaySize;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A photo's display renditions (cell {@code m:r}): one HDFS file at {@code path} holding every
 * rendition's JPEG back to back, and for each size its dimensions, its byte range in the file and
 * the SHA-256 of its bytes (its ETag). One cell, so a photo's renditions are recorded (and later
 * moved by the pack job) with a single compare-and-set. Entries are in {@link DisplaySize} order,
 * at most one per size. Encoding (docs/schema.md):
 *
 * <pre>
 * byte 0        format version, 0x01
 * byte 1        number of entries n (1..4)
 * n × 57 bytes  size code (1), width (4), height (4), offset (8), length (8), SHA-256 (32)
 * rest          HDFS path, UTF-8
 * </pre>
 */
public record RenditionSet(String path, List<Entry> entries) {
  private static final byte FORMAT_V1 = 1;
  private static final int ENTRY_LENGTH = 1 + 4 + 4 + 8 + 8 + 32;
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  /** One rendition: {@code length} bytes at {@code offset} of the set's file. */
  public record Entry(
      DisplaySize size, int width, int height, long offset, long length, String sha256) {
    public Entry {
      requireNonNull(size, "size is null");
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("dimensions must be positive: " + width + "x" + height);
      }
      if (offset < 0 || length <= 0) {
        throw new IllegalArgumentException("bad byte range: " + offset + "+" + length);
      }
      requireNonNull(sha256, "sha256 is null");
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!SHA256_HEX.matcher(sha256).matches()) {
        throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha256);
      }
    }
  }

  public RenditionSet {
    requireNonNull(path, "path is null");
    if (path.isEmpty()) {
      throw new IllegalArgumentException("path is empty");
    }
    requireNonNull(entries, "entries is null");
    if (entries.isEmpty() || entries.size() > DisplaySize.values().length) {
      throw new IllegalArgumentException("a set has 1 to 4 renditions, not " + entries.size());
    }
    entries = entries.stream().sorted(Comparator.comparing(Entry::size)).toList();
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).size() == entries.get(i - 1).size()) {
        throw new IllegalArgumentException("two renditions of size " + entries.get(i).size());
      }
    }
  }

  public Optional<Entry> get(DisplaySize size) {
    return entries.stream().filter(entry -> entry.size() == size).findFirst();
  }

  /**
   * The rendition to serve for {@code wanted}: that size if recorded, else the nearest larger one,
   * else the nearest smaller one (a set always has at least one).
   */
  public Entry closestTo(DisplaySize wanted) {
    Entry smaller = null;
    for (Entry entry : entries) {
      if (entry.size().compareTo(wanted) >= 0) {
        return entry;
      }
      smaller = entry;
    }
    return smaller;
  }

  public byte[] encode() {
    byte[] pathBytes = path.getBytes(StandardCharsets.UTF_8);
    ByteBuffer buffer = ByteBuffer.allocate(2 + entries.size() * ENTRY_LENGTH + pathBytes.length);
    buffer.put(FORMAT_V1).put((byte) entries.size());
    for (Entry entry : entries) {
      buffer
          .put((byte) entry.size().code())
          .putInt(entry.width())
          .putInt(entry.height())
          .putLong(entry.offset())
          .putLong(entry.length())
          .put(HEX.parseHex(entry.sha256()));
    }
    return buffer.put(pathBytes).array();
  }

  /**
   * @throws IllegalArgumentException if {@code bytes} is not a valid encoding
   */
  public static RenditionSet decode(byte[] bytes) {
    if (bytes == null || bytes.length < 2 || bytes[0] != FORMAT_V1) {
      throw new IllegalArgumentException("not a version-1 rendition set");
    }
    int count = bytes[1] & 0xFF;
    int pathOffset = 2 + count * ENTRY_LENGTH;
    if (bytes.length <= pathOffset) {
      throw new IllegalArgumentException("a rendition set of " + count + " entries is truncated");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, count * ENTRY_LENGTH);
    List<Entry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DisplaySize size = DisplaySize.ofCode(buffer.get() & 0xFF);
      int width = buffer.getInt();
      int height = buffer.getInt();
      long offset = buffer.getLong();
      long length = buffer.getLong();
      byte[] sha256 = new byte[32];
      buffer.get(sha256);
      entries.add(new Entry(size, width, height, offset, length, HEX.formatHex(sha256)));
    }
    String path = new String(bytes, pathOffset, bytes.length - pathOffset, StandardCharsets.UTF_8);
    return new RenditionSet(path, entries);
  }
}
